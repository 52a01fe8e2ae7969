// The header is the whole module; this file keeps SwiftPM building the C target.
