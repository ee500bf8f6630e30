/** A webhook URL without its secret path, for logs and lists: `https://hooks.slack.com/services/T0…`. */
export function maskWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 12 ? `${parsed.pathname.slice(0, 12)}…` : parsed.pathname;
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    // Not a URL, so no secret path: shown as typed (shortened).
    return [...url].length > 40 ? `${[...url].slice(0, 39).join('')}…` : url;
  }
}
