// DER: a writer, an offset-keeping reader, and field-tree helpers over it.
export * from './writer';
export * from './reader';
export * from './fields';
