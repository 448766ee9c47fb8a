// The PAC (MS-PAC): build a Windows-shaped PAC, sign it (slots for the caller), decode any PAC.
export * from './pac';
export * from './logonInfo';
export * from './buffers';
export * from './sid';
export { FILETIME_NEVER, filetimeFromDate, filetimeToDate, filetimeText } from './ndr';
