/* The descent of cleaner.trees in C: which leaf every tree reaches for every row.
 *
 * An optional accelerator. cleaner.trees falls back to its NumPy descent when this module
 * is not built, and both pick the same leaves: the same float32 comparison at the same
 * nodes (see the module docstring of cleaner/trees.py for the packed node layout).
 *
 * Rows descend in blocks of ROWS, tree by tree and step by step in lockstep (a leaf points
 * to itself, so a row that reached one stays there) until no row of the block moves: the
 * steps of a block's rows do not depend on each other, so the CPU overlaps their memory
 * loads, and there is no branch on the data. Before the descent every node's feature and
 * children and every root are checked against the arrays' bounds, so a malformed model
 * raises ValueError instead of reading out of bounds (a read-only model is checked on its
 * first call only: ``checked`` below), and the steps themselves check nothing: a third
 * faster than checking each step (the HTML model took 15.5 ns per row and tree with the
 * checks in the loop, 10.6 without; 16 rows a block rather than 64 keep an HTML row block
 * of 267 features in the L1 cache). The GIL is released while the rows descend.
 *
 * ``sums`` then adds up the leaf values per row and class in the order NumPy adds them, so
 * the scores are identical to the bit.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include "_buffer.h"

#define ROWS 16

/* The four buffers of a call (three read, the last written), each a C-contiguous buffer of
 * 8-byte integers ("qlnQLN"), doubles ("d") or floats ("f") as ``codes`` says, with the
 * names its errors use. All are taken or none: on failure those taken are released. */
static int
get_buffers(PyObject *const objs[4], Py_buffer views[4], const char *const codes[4],
            const char *const names[4])
{
    for (int i = 0; i < 4; i++) {
        const Py_ssize_t itemsize = strcmp(codes[i], "f") == 0 ? 4 : 8;
        if (get_buffer(objs[i], &views[i], codes[i], itemsize, i == 3, names[i]) < 0) {
            while (i-- > 0) {
                PyBuffer_Release(&views[i]);
            }
            return -1;
        }
    }
    return 0;
}

static void
release_buffers(Py_buffer views[4])
{
    for (int i = 0; i < 4; i++) {
        PyBuffer_Release(&views[i]);
    }
}

/* Models whose nodes and roots were checked, for the row width and feature bits they were
 * checked with: the packed and roots objects are held (so that no other array can take
 * their place at the same address), and trusted only while their buffers are read-only.
 * A model checked once then descends without the O(nodes) check: it cost more than the
 * descent itself for the calls of one row (the page-type model's 60,000 nodes). */
#define CHECKED 8
static struct {
    PyObject *packed, *roots;
    Py_ssize_t n_cols;
    int bits;
} checked[CHECKED];
static int checked_next;

static int
was_checked(PyObject *packed, PyObject *roots, Py_ssize_t n_cols, int bits)
{
    for (int i = 0; i < CHECKED; i++) {
        if (checked[i].packed == packed && checked[i].roots == roots
                && checked[i].n_cols == n_cols && checked[i].bits == bits) {
            return 1;
        }
    }
    return 0;
}

static void
remember_checked(PyObject *packed, PyObject *roots, Py_ssize_t n_cols, int bits)
{
    const int i = checked_next;
    checked_next = (checked_next + 1) % CHECKED;
    Py_XDECREF(checked[i].packed);
    Py_XDECREF(checked[i].roots);
    Py_INCREF(packed);
    Py_INCREF(roots);
    checked[i].packed = packed;
    checked[i].roots = roots;
    checked[i].n_cols = n_cols;
    checked[i].bits = bits;
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
    Py_buffer views[4];
    PyObject *const objs[4] = {packed_obj, roots_obj, x_obj, out_obj};
    static const char *const codes[4] = {"qlQL", "qlnQLN", "f", "qlnQLN"};
    static const char *const names[4] = {"packed", "roots", "x", "out"};
    if (get_buffers(objs, views, codes, names) < 0) {
        return NULL;
    }
    const Py_buffer packed = views[0], roots = views[1], x = views[2], out = views[3];
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
    const int read_only = packed.readonly && roots.readonly;
    const int trusted = read_only && was_checked(packed_obj, roots_obj, n_cols, bits);
    Py_BEGIN_ALLOW_THREADS
    /* Every node once: its feature inside the row; its children (left, and right just after
     * it) inside the model. A leaf points to itself with a threshold of +inf, so it may be
     * the last node. */
    for (int64_t k = 0; k < n_nodes && !bad && !trusted; k++) {
        const int64_t high = nodes[k] >> 32;
        const int64_t child = high >> bits;
        const uint32_t low = (uint32_t)nodes[k];
        float threshold;
        memcpy(&threshold, &low, sizeof threshold);
        bad = (high & feature_mask) >= n_cols || child < 0
              || !(child + 1 < n_nodes || (child < n_nodes && isinf(threshold) && threshold > 0));
    }
    for (int64_t t = 0; t < n_trees && !bad && !trusted; t++) {
        bad = root[t] < 0 || root[t] >= n_nodes;
    }
    int64_t at[ROWS];
    for (int64_t r0 = 0; r0 < n_rows && !bad; r0 += ROWS) {
        const int64_t block = n_rows - r0 < ROWS ? n_rows - r0 : ROWS;
        const float *base = rows + r0 * n_cols;
        for (int64_t t = 0; t < n_trees; t++) {
            const int64_t start = root[t];
            for (int64_t i = 0; i < block; i++) {
                at[i] = start;
            }
            for (int step = 0; step < max_depth; step++) {
                int64_t moved = 0;  /* a leaf points to itself: no row moved, all are done */
                for (int64_t i = 0; i < block; i++) {
                    const int64_t here = at[i];
                    const int64_t node = nodes[here];
                    const int64_t high = node >> 32;
                    const uint32_t low = (uint32_t)node;
                    float threshold;
                    memcpy(&threshold, &low, sizeof threshold);
                    const int64_t next = (high >> bits)
                        + (base[i * n_cols + (high & feature_mask)] > threshold);
                    moved |= next ^ here;
                    at[i] = next;
                }
                if (!moved) {
                    break;
                }
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
    } else if (read_only && !trusted) {
        remember_checked(packed_obj, roots_obj, n_cols, bits);
    }
done:
    release_buffers(views);
    if (bad) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* sums(leaves, values, tree_class, n_classes, out): out[r, k] = the values of the leaves
 * that row r reaches in the trees of class k, added in tree order. That is the order in which NumPy
 * sums ``values[leaves][:, tree_class == k]`` along its rows when there are two rows or
 * more (one row it adds pairwise: cleaner.trees keeps NumPy's sum for it), so the scores
 * are the same to the bit. Each sum starts at -0.0, the identity of addition, as NumPy's
 * starts at its first term; a class without trees sums to 0.0 as NumPy's empty sum does. */
static PyObject *
sums(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *leaves_obj, *values_obj, *class_obj, *out_obj;
    Py_ssize_t n_classes;
    if (!PyArg_ParseTuple(args, "OOOnO:sums", &leaves_obj, &values_obj, &class_obj,
                          &n_classes, &out_obj)) {
        return NULL;
    }
    if (n_classes < 1) {
        PyErr_SetString(PyExc_ValueError, "sums: n_classes < 1");
        return NULL;
    }
    Py_buffer views[4];
    PyObject *const objs[4] = {leaves_obj, values_obj, class_obj, out_obj};
    static const char *const codes[4] = {"qlnQLN", "d", "qlnQLN", "d"};
    static const char *const names[4] = {"leaves", "values", "tree_class", "out"};
    if (get_buffers(objs, views, codes, names) < 0) {
        return NULL;
    }
    const Py_buffer leaves = views[0], values = views[1], classes = views[2], out = views[3];
    const int64_t *leaf = (const int64_t *)leaves.buf;
    const double *value = (const double *)values.buf;
    const int64_t *tree_class = (const int64_t *)classes.buf;
    double *score = (double *)out.buf;
    const int64_t n_trees = classes.len / 8, n_values = values.len / 8;
    const int64_t n_rows = out.len / 8 / n_classes;
    int bad = out.len / 8 != n_rows * n_classes || leaves.len / 8 != n_rows * n_trees;
    for (int64_t t = 0; t < n_trees && !bad; t++) {
        bad = tree_class[t] < 0 || tree_class[t] >= n_classes;
    }
    if (!bad) {
        Py_BEGIN_ALLOW_THREADS
        for (int64_t r = 0; r < n_rows && !bad; r++) {
            double *row = score + r * n_classes;
            const int64_t *reached = leaf + r * n_trees;
            for (int64_t k = 0; k < n_classes; k++) {
                row[k] = -0.0;
            }
            for (int64_t t = 0; t < n_trees; t++) {
                const int64_t at = reached[t];
                if (at < 0 || at >= n_values) {
                    bad = 1;
                    break;
                }
                row[tree_class[t]] += value[at];
            }
        }
        if (!bad) {
            for (int64_t k = 0; k < n_classes; k++) {
                int64_t t = 0;
                while (t < n_trees && tree_class[t] != k) {
                    t++;
                }
                for (int64_t r = 0; t == n_trees && r < n_rows; r++) {
                    score[r * n_classes + k] = 0.0;
                }
            }
        }
        Py_END_ALLOW_THREADS
    }
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "sums: leaves is not (rows x trees), out not "
                        "(rows x classes), or a leaf or class out of range");
    }
    release_buffers(views);
    if (bad) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"leaves", leaves, METH_VARARGS,
     "leaves(packed, feature_bits, roots, x, n_cols, max_depth, out): the leaf every tree "
     "reaches for every row of x, written to out (rows x trees, int64)."},
    {"sums", sums, METH_VARARGS,
     "sums(leaves, values, tree_class, n_classes, out): per row and class, the values of the leaves "
     "the row reaches in that class's trees, added in tree order (out: rows x classes, "
     "float64)."},
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
