// The C API's types live in include/segtool.h; the functions are implemented in Swift
// (Sources/SegtoolC, `@_cdecl`). SwiftPM needs one source file in a C target.
#include "segtool.h"
