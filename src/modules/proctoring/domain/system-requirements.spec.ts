import { evaluateSystem, SystemReport, systemRequirements } from './system-requirements.js';

const good: SystemReport = {
  browserName: 'Chrome',
  browserVersion: '131.0.1',
  os: 'Windows',
  cameraAvailable: true,
  microphoneAvailable: true,
  networkSpeedMbps: 20,
  screenWidth: 1920,
  screenHeight: 1080,
  fullscreenSupported: true,
};

describe('system requirements', () => {
  const req = systemRequirements(2);

  it('passes a capable machine', () => {
    expect(evaluateSystem(good, req)).toEqual([]);
  });

  it('names each failed check with its requirement', () => {
    const failures = evaluateSystem(
      { ...good, browserName: 'IE', os: 'Amiga', cameraAvailable: false, networkSpeedMbps: 0.5, screenWidth: 800, fullscreenSupported: false },
      req,
    );
    expect(failures.map((f) => f.check)).toEqual(['browser', 'os', 'camera', 'network', 'screen', 'fullscreen']);
    expect(failures.find((f) => f.check === 'network')).toEqual({ check: 'network', actual: '0.5 Mbps', requirement: '>= 2 Mbps' });
  });

  it('refuses an old version of a supported browser', () => {
    expect(evaluateSystem({ ...good, browserVersion: '90' }, req).map((f) => f.check)).toEqual(['browser']);
  });
});
