/**
 * `fetch` that turns the two ways a download fails into the caller's typed error: `status` is
 * null when the connection dropped, the HTTP status when the server answered but not with 2xx.
 */
export async function fetchAsset(
  url: string,
  failure: (status: number | null) => Error,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw failure(null);
  }
  if (!response.ok) throw failure(response.status);
  return response;
}
