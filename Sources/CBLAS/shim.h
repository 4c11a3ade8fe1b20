/* OpenBLAS's CBLAS and the LAPACKE interface to LAPACK. */
#include <cblas.h>
#include <lapacke.h>
