/**
 * English of the attach button (ui/attach.tsx), beside the composer wherever the server takes files: it
 * ships inside that small chunk, not with the upload tray's strings (en-extras.ts), which come with a first file.
 */
export const enAttach = {
  'upload.attach': 'Attach a file',
  'upload.drop': 'Drop a file here to send it',
  'upload.pastedName': 'pasted image',
} as const;
