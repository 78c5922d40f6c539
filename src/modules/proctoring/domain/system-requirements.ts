/** What a candidate's machine must offer. Served by GET /proctoring/instructions and checked on every report. */
export interface SystemRequirements {
  browsers: Record<string, number>;
  operatingSystems: string[];
  minNetworkMbps: number;
  minScreenWidth: number;
  minScreenHeight: number;
  cameraRequired: boolean;
  microphoneRequired: boolean;
  fullscreenRequired: boolean;
}

/** Lowest major version per browser that supports getUserMedia, the Fullscreen API and WebAssembly face models. */
export const SUPPORTED_BROWSERS: Readonly<Record<string, number>> = { chrome: 100, edge: 100, firefox: 100, safari: 15, opera: 86 };
export const SUPPORTED_OS = ['windows', 'macos', 'linux', 'chromeos'];

export function systemRequirements(minNetworkMbps: number): SystemRequirements {
  return {
    browsers: { ...SUPPORTED_BROWSERS },
    operatingSystems: [...SUPPORTED_OS],
    minNetworkMbps,
    minScreenWidth: 1280,
    minScreenHeight: 720,
    cameraRequired: true,
    microphoneRequired: true,
    fullscreenRequired: true,
  };
}

export interface SystemReport {
  browserName: string;
  browserVersion: string;
  os: string;
  cameraAvailable: boolean;
  microphoneAvailable: boolean;
  networkSpeedMbps: number;
  screenWidth: number;
  screenHeight: number;
  fullscreenSupported: boolean;
}

export interface FailedCheck {
  check: 'browser' | 'os' | 'camera' | 'microphone' | 'network' | 'screen' | 'fullscreen';
  actual: string;
  requirement: string;
}

export function evaluateSystem(report: SystemReport, req: SystemRequirements): FailedCheck[] {
  const failures: FailedCheck[] = [];
  const browser = report.browserName.trim().toLowerCase();
  const minVersion = req.browsers[browser];
  const major = Number.parseInt(report.browserVersion, 10);
  if (minVersion === undefined || !Number.isFinite(major) || major < minVersion) {
    failures.push({
      check: 'browser',
      actual: `${report.browserName} ${report.browserVersion}`,
      requirement: Object.entries(req.browsers)
        .map(([name, version]) => `${name} >= ${version}`)
        .join(', '),
    });
  }
  if (!req.operatingSystems.includes(report.os.trim().toLowerCase())) {
    failures.push({ check: 'os', actual: report.os, requirement: `one of ${req.operatingSystems.join(', ')}` });
  }
  if (req.cameraRequired && !report.cameraAvailable) failures.push({ check: 'camera', actual: 'unavailable', requirement: 'a working camera' });
  if (req.microphoneRequired && !report.microphoneAvailable) {
    failures.push({ check: 'microphone', actual: 'unavailable', requirement: 'a working microphone' });
  }
  if (report.networkSpeedMbps < req.minNetworkMbps) {
    failures.push({ check: 'network', actual: `${report.networkSpeedMbps} Mbps`, requirement: `>= ${req.minNetworkMbps} Mbps` });
  }
  if (report.screenWidth < req.minScreenWidth || report.screenHeight < req.minScreenHeight) {
    failures.push({
      check: 'screen',
      actual: `${report.screenWidth}x${report.screenHeight}`,
      requirement: `>= ${req.minScreenWidth}x${req.minScreenHeight}`,
    });
  }
  if (req.fullscreenRequired && !report.fullscreenSupported) {
    failures.push({ check: 'fullscreen', actual: 'unsupported', requirement: 'the Fullscreen API' });
  }
  return failures;
}
