/**
 * Removes `marker` from streamed text even when it arrives split across chunks: text that could be
 * the start of the marker is held back until the next chunk shows whether it is.
 */
export function createMarkerFilter(marker: string) {
  let pending = '';
  return {
    push(delta: string): string {
      pending = (pending + delta).split(marker).join('');
      let keep = 0;
      for (let length = Math.min(marker.length - 1, pending.length); length > 0; length -= 1) {
        if (marker.startsWith(pending.slice(-length))) {
          keep = length;
          break;
        }
      }
      const out = pending.slice(0, pending.length - keep);
      pending = pending.slice(pending.length - keep);
      return out;
    },
    flush(): string {
      const out = pending;
      pending = '';
      return out;
    },
  };
}
