// Dates as Entra and the manifest show them: ISO 8601 in UTC, whole seconds (certificates carry no milliseconds).

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
