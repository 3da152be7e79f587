import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { contentDisposition } from '#shared/proposals.ts';
import { PDF_CONTENT_TYPE } from '#shared/schemas/proposal.ts';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type SourceData = string | ArrayBuffer | ArrayBufferView;

const toBytes = (data: SourceData): Uint8Array =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the SigV4 signer takes. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** RFC 3986 escaping as S3 and the SDK do it (encodeURIComponent leaves !'()* alone). */
const uriEscape = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Presigned GETs of kept attachments (PDF) and summary exports (their own type) for the staff function, signed with the SDK's SigV4 signer
 * (`@smithy/signature-v4`) but without the S3 client, which the staff function needs for nothing else (≈ 140 KB of
 * its bundle). The URL is exactly the one `getSignedUrl(client, GetObjectCommand)` of s3-attachment-store.ts makes
 * (tests/unit/s3-download-signer.test.ts compares them): virtual-hosted style, UNSIGNED-PAYLOAD, only `host` signed,
 * and the response headers forcing a PDF download.
 */
export function createS3DownloadSigner({
  bucket,
  region,
  credentials,
}: {
  bucket: string;
  region: string;
  credentials: () => Promise<Credentials>;
}) {
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const hostname = `${bucket}.s3.${region}.amazonaws.com`;
  return async (
    key: string,
    {
      fileName,
      expiresInSeconds,
      now,
      contentType = PDF_CONTENT_TYPE,
    }: { fileName: string; expiresInSeconds: number; now: Date; contentType?: string },
  ) => {
    const path = `/${key.split('/').map(uriEscape).join('/')}`;
    const signed = await signer.presign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname,
        path,
        query: {
          'response-content-disposition': contentDisposition(fileName),
          'response-content-type': contentType,
          'x-amz-checksum-mode': 'ENABLED',
          'x-id': 'GetObject',
        },
        headers: { host: hostname, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      },
      { expiresIn: expiresInSeconds, signingDate: now, unhoistableHeaders: new Set(['host']) },
    );
    const signedQuery = signed.query ?? {};
    const query = Object.keys(signedQuery)
      .sort()
      .map((name) => `${uriEscape(name)}=${uriEscape(String(signedQuery[name]))}`)
      .join('&');
    return `https://${hostname}${path}?${query}`;
  };
}
