/** Hand a generated file to the browser as a download (a Blob URL; nothing leaves the page). */

export interface TranscriptFile {
  name: string;
  type: string;
  content: string;
}

export function saveFile(file: TranscriptFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
