/* OpenBLAS's CBLAS and LAPACKE declarations: types and constants only.
 * Nothing links against the libraries; NightjarCore loads them at their
 * first use (OpenBLAS.swift), so a recipe that does no linear algebra
 * does not pay OpenBLAS's start-up (its thread pool and buffers). */
#include <cblas.h>
#include <lapacke.h>
