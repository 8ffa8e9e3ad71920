import {
  garmentVersionSchema,
  merchantGarmentSchema,
  uploadErrorSchema,
  uploadResultSchema,
  type GarmentBackPatch,
  type GarmentFields,
  type GarmentPatch,
  type GarmentVersion,
  type MerchantGarment,
  type UploadResult,
  type ValidationReport,
} from '../../shared/garment-upload.ts';
import { z } from 'zod';

export class GarmentApiError extends Error {
  override readonly name = 'GarmentApiError';
  constructor(
    readonly code: string,
    message: string,
    /** The validation report of a refused upload. */
    readonly report: ValidationReport | null = null,
  ) {
    super(message);
  }
}

function errorFrom(status: number, body: unknown): GarmentApiError {
  const parsed = uploadErrorSchema.safeParse(body);
  return parsed.success
    ? new GarmentApiError(parsed.data.code, parsed.data.message, parsed.data.report ?? null)
    : new GarmentApiError(`http_${status}`, `The server answered HTTP ${status}.`);
}

const listSchema = z.object({ garments: z.array(merchantGarmentSchema) });
const versionsSchema = z.object({ versions: z.array(garmentVersionSchema) });

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In slices: one String.fromCharCode call over megabytes overflows the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The merchant garment API (`/api/garments`) for one merchant token. */
export class GarmentsClient {
  constructor(private readonly token: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`/api/garments${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw errorFrom(response.status, json);
    return json;
  }

  async list(): Promise<MerchantGarment[]> {
    return listSchema.parse(await this.call('GET', '')).garments;
  }

  async update(id: string, patch: GarmentPatch): Promise<MerchantGarment> {
    return merchantGarmentSchema.parse(await this.call('PATCH', `/${id}`, patch));
  }

  /** A 2D garment's back photo's anchors, moved by the merchant: saved in its current version. */
  async updateBackAnchors(
    id: string,
    anchors: GarmentBackPatch['anchors'],
  ): Promise<MerchantGarment> {
    return merchantGarmentSchema.parse(await this.call('PATCH', `/${id}/back`, { anchors }));
  }

  /** A hand-edited cut-out (mask PNG) of a 2D garment: becomes its next version. */
  async updateMask(id: string, maskPng: Blob, reproposeAnchors: boolean): Promise<UploadResult> {
    const mask = base64Of(new Uint8Array(await maskPng.arrayBuffer()));
    return uploadResultSchema.parse(
      await this.call('PATCH', `/${id}/mask`, { mask, reproposeAnchors }),
    );
  }

  /** A 2D garment's back photo, added or replaced: becomes its next version. */
  async putBack(id: string, photo: File): Promise<UploadResult> {
    const form = new FormData();
    form.append('file', photo, photo.name);
    const response = await fetch(`/api/garments/${id}/back`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${this.token}` },
      body: form,
    });
    const json: unknown = await response.json().catch(() => null);
    if (response.status !== 201) throw errorFrom(response.status, json);
    return uploadResultSchema.parse(json);
  }

  /**
   * The meshes a 3D garment wears (ids from its version's mesh list): the server processes the
   * original file again with them, as the next version.
   */
  async chooseMeshes(id: string, kept: readonly string[]): Promise<UploadResult> {
    return uploadResultSchema.parse(await this.call('PUT', `/${id}/meshes`, { kept }));
  }

  /** The garment's versions, newest last, each with its upload report. */
  async versions(id: string): Promise<GarmentVersion[]> {
    return versionsSchema.parse(await this.call('GET', `/${id}/versions`)).versions;
  }

  async setPublished(id: string, published: boolean): Promise<MerchantGarment> {
    const action = published ? 'publish' : 'unpublish';
    return merchantGarmentSchema.parse(await this.call('POST', `/${id}/${action}`));
  }

  async remove(id: string): Promise<void> {
    await this.call('DELETE', `/${id}`);
  }

  /**
   * Uploads a new garment (`fields` given) or a new version of `replaceId`, through
   * XMLHttpRequest so `onProgress` (0..1) follows the bytes sent.
   */
  upload(
    files: readonly File[],
    target: { readonly fields: GarmentFields } | { readonly replaceId: string },
    onProgress: (fraction: number) => void,
  ): Promise<UploadResult> {
    const form = new FormData();
    if ('fields' in target) form.set('manifest', JSON.stringify(target.fields));
    for (const file of files) form.append('file', file, file.name);
    const path = 'fields' in target ? '' : `/${target.replaceId}/versions`;
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/garments${path}`);
      xhr.setRequestHeader('authorization', `Bearer ${this.token}`);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        if (xhr.status === 201) resolve(uploadResultSchema.parse(xhr.response));
        else reject(errorFrom(xhr.status, xhr.response));
      };
      xhr.onerror = () =>
        reject(new GarmentApiError('network', 'The upload was cut off. Check the connection.'));
      xhr.send(form);
    });
  }
}
