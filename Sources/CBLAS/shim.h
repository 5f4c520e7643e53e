#ifndef FINSAMEVAL_CBLAS_SHIM_H
#define FINSAMEVAL_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
