// Kubernetes quantities in the server's canonical spelling: the server stores "1" for "1000m", and rendering the
// canonical form keeps a second server-side apply a true no-op and diffs readable.

/** CPU cores → "100m", "1", "1500m". */
export function cpuQuantity(cores: number): string {
  const millis = Math.round(cores * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** v1's memoryInGB is decimal gigabytes → "512M", "1G", "1500M". */
export function memoryQuantity(gigabytes: number): string {
  const mega = Math.round(gigabytes * 1000);
  return mega % 1000 === 0 ? `${mega / 1000}G` : `${mega}M`;
}
