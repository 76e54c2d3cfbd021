/** Attachment checks shared by the CLI (before upload) and the simulator (on upload). */

/** The service's limit on a registration attachment. */
export const MAX_ATTACHMENT_BYTES = 500 * 1024;

export type AttachmentKind = 'PDF' | 'JPEG' | 'PNG';

/** Judges a file by its content (magic numbers), never by its name. */
export function sniffAttachment(bytes: Uint8Array): AttachmentKind | undefined {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'PDF';
  if (starts([0xff, 0xd8, 0xff])) return 'JPEG';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  return undefined;
}

/** Why a file cannot be attached, or undefined when it can. */
export function attachmentProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (!sniffAttachment(bytes)) return 'is not a PDF, JPEG or PNG file (judged by its content)';
  if (bytes.length > MAX_ATTACHMENT_BYTES) return `is ${Math.ceil(bytes.length / 1024)} KB; at most 500 KB allowed`;
  return undefined;
}
