/** A webhook URL without its secret path, for logs and lists: `https://hooks.slack.com/services/T0…`. */
export function maskWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 12 ? `${parsed.pathname.slice(0, 12)}…` : parsed.pathname;
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return '(not a URL)';
  }
}
