#ifndef SCENEWRIGHT_CZLIB_SHIM_H
#define SCENEWRIGHT_CZLIB_SHIM_H

// zlib for Swift: the USDZ packer needs only its CRC-32.

#include <zlib.h>

#endif
