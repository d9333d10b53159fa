const MAX_SIDE = 1600;
const SMALL_ENOUGH = 1.5 * 1024 * 1024;

/**
 * Phone photos are often 5–12 MB, above the server's 5 MB limit: large ones are re-encoded as JPEG at most
 * 1600 px on the long side. GIFs (animation) and images that are already small go up as they are.
 */
export async function shrinkImage(file: File): Promise<Blob> {
  if (file.type === 'image/gif' || file.size <= SMALL_ENOUGH) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file; // A format the browser cannot decode: let the server judge it.
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const g = canvas.getContext('2d');
  if (!g) return file;
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  return blob && blob.size < file.size ? blob : file;
}
