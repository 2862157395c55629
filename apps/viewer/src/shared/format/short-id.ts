/** Long generated ids (UUIDs) shortened for display; the full id stays in titles and URLs. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
