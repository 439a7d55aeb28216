/* The descent of cleaner.trees in C: which leaf every tree reaches for every row.
 *
 * An optional accelerator. cleaner.trees falls back to its NumPy descent when this module
 * is not built, and both pick the same leaves: the same float32 comparison at the same
 * nodes (see the module docstring of cleaner/trees.py for the packed node layout). The
 * leaf values are summed in Python as before, so the scores are identical to the bit.
 *
 * Rows descend in blocks of ROWS, tree by tree and step by step in lockstep (a leaf points
 * to itself, so a row that reached one stays there): the steps of a block's rows do not
 * depend on each other, so the CPU overlaps their memory loads, and there is no branch on
 * the data. Every node and feature index is checked against the arrays' bounds, so a
 * malformed model raises ValueError instead of reading out of bounds. The GIL is released
 * while the rows descend.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define ROWS 64

/* A C-contiguous buffer of `itemsize`-byte items of one of the struct format `codes`. */
static int
get_buffer(PyObject *obj, Py_buffer *view, const char *codes, Py_ssize_t itemsize,
           int writable, const char *name)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT
                           | (writable ? PyBUF_WRITABLE : 0)) < 0) {
        return -1;
    }
    const char *format = view->format ? view->format : "B";
    if (*format == '@' || *format == '=' || *format == '<') {
        format++;
    }
    if (view->itemsize != itemsize || strlen(format) != 1 || !strchr(codes, *format)) {
        PyErr_Format(PyExc_TypeError, "%s: expected %zd-byte items of type code '%s', "
                     "got format '%s'", name, itemsize, codes,
                     view->format ? view->format : "B");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *
leaves(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *packed_obj, *roots_obj, *x_obj, *out_obj;
    int bits, max_depth;
    Py_ssize_t n_cols;
    if (!PyArg_ParseTuple(args, "OiOOniO:leaves", &packed_obj, &bits, &roots_obj, &x_obj,
                          &n_cols, &max_depth, &out_obj)) {
        return NULL;
    }
    if (bits < 1 || bits > 30 || max_depth < 0 || n_cols < 1) {
        PyErr_SetString(PyExc_ValueError, "leaves: bad feature_bits, max_depth or n_cols");
        return NULL;
    }
    Py_buffer packed, roots, x, out;
    if (get_buffer(packed_obj, &packed, "qlQL", 8, 0, "packed") < 0) {
        return NULL;
    }
    if (get_buffer(roots_obj, &roots, "qlnQLN", 8, 0, "roots") < 0) {
        PyBuffer_Release(&packed);
        return NULL;
    }
    if (get_buffer(x_obj, &x, "f", 4, 0, "x") < 0) {
        PyBuffer_Release(&packed);
        PyBuffer_Release(&roots);
        return NULL;
    }
    if (get_buffer(out_obj, &out, "qlnQLN", 8, 1, "out") < 0) {
        PyBuffer_Release(&packed);
        PyBuffer_Release(&roots);
        PyBuffer_Release(&x);
        return NULL;
    }
    const int64_t *nodes = (const int64_t *)packed.buf;
    const int64_t *root = (const int64_t *)roots.buf;
    const float *rows = (const float *)x.buf;
    int64_t *leaf = (int64_t *)out.buf;
    const int64_t n_nodes = packed.len / 8, n_trees = roots.len / 8;
    const int64_t n_values = x.len / 4, n_rows = n_values / n_cols;
    int bad = 0;
    if (n_values % n_cols != 0 || out.len / 8 != n_rows * n_trees) {
        PyErr_SetString(PyExc_ValueError, "leaves: x is not rows of n_cols values, or out "
                        "is not (rows x trees)");
        bad = 1;
        goto done;
    }
    const int64_t feature_mask = ((int64_t)1 << bits) - 1;
    Py_BEGIN_ALLOW_THREADS
    int64_t at[ROWS], live[ROWS];
    for (int64_t r0 = 0; r0 < n_rows && !bad; r0 += ROWS) {
        const int64_t block = n_rows - r0 < ROWS ? n_rows - r0 : ROWS;
        const float *base = rows + r0 * n_cols;
        for (int64_t t = 0; t < n_trees && !bad; t++) {
            const int64_t start = root[t];
            if (start < 0 || start >= n_nodes) {
                bad = 1;
                break;
            }
            for (int64_t i = 0; i < block; i++) {
                at[i] = start;
                live[i] = i;
            }
            int64_t n_live = block;
            for (int step = 0; step < max_depth && n_live > 0; step++) {
                int64_t kept = 0;
                for (int64_t j = 0; j < n_live; j++) {
                    const int64_t i = live[j];
                    const int64_t here = at[i];
                    const int64_t node = nodes[here];
                    const int64_t high = node >> 32;
                    const int64_t feature = high & feature_mask;
                    const uint32_t low = (uint32_t)node;
                    float threshold;
                    memcpy(&threshold, &low, sizeof threshold);
                    const int64_t next = (high >> bits)
                        + (base[i * n_cols + (feature < n_cols ? feature : 0)] > threshold);
                    if (feature >= n_cols || next < 0 || next >= n_nodes) {
                        bad = 1;
                    }
                    at[i] = bad ? start : next;
                    live[kept] = i;
                    kept += next != here;  /* a leaf points to itself: it is done */
                }
                n_live = kept;
            }
            for (int64_t i = 0; i < block; i++) {
                leaf[(r0 + i) * n_trees + t] = at[i];
            }
        }
    }
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "leaves: a node points outside the model or a "
                        "feature outside the row");
    }
done:
    PyBuffer_Release(&packed);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&x);
    PyBuffer_Release(&out);
    if (bad) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"leaves", leaves, METH_VARARGS,
     "leaves(packed, feature_bits, roots, x, n_cols, max_depth, out): the leaf every tree "
     "reaches for every row of x, written to out (rows x trees, int64)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner._descend",
    "The tree descent of cleaner.trees in C (an optional accelerator).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__descend(void)
{
    return PyModule_Create(&module);
}
