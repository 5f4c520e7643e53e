#ifndef FINSAMEVAL_CZLIB_SHIM_H
#define FINSAMEVAL_CZLIB_SHIM_H
#include <zlib.h>
#endif
