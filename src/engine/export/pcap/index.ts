// Capture export: classic pcap with Ethernet/IPv4/TCP|UDP framing around the carriers' bytes.
export { buildFrames, writePcap, isoToMicros, type PcapPacket, type CaptureOptions, type Frame, type Transport } from './capture';
export { connectionsFromMessages, microsToIso, type CaptureMessage, type CaptureNode } from './fromMessages';
export { pcapFile, readPcap, PCAP_MAGIC, SNAPLEN, LINKTYPE_ETHERNET, type PcapRecord } from './pcapFile';
export { internetChecksum, transportChecksum, onesSum } from './checksum';
export { macFor, parseIpv4 } from './frames';
export { decodeFrame, type DecodedFrame } from './decodeFrame';
