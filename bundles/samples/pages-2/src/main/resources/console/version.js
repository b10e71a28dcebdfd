// The sample's version, shown by each of its pages: the only file of console/ that differs between its versions.
export const VERSION = '2.0.0';
