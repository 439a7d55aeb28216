/* The word model's scores in C: hashed tokens of every block, summed weights per class.
 *
 * An optional accelerator of cleaner.words.WordModel.scores_of. cleaner.words falls back
 * to its NumPy path when this module is not built, and both give the same scores to the
 * bit:
 *
 * - the tokens are those of ``words.block_tokens``: the block's words, its word pairs
 *   joined by a space, its first word after "^" and its last after "$" ("<nowords>" for a
 *   block without words);
 * - a token's bucket is the CRC-32 of its UTF-8 bytes (lone surrogates passed through, as
 *   ``zlib.crc32(token.encode("utf-8", "surrogatepass"))``) masked to the model's bits;
 * - a row's distinct buckets are summed in ascending order as ``np.add.reduceat`` sums
 *   float32 rows: the first row, plus the pairwise sum of the others (NumPy's
 *   ``pairwise_sum``: sequential below 8 values, 8 accumulators up to 128, halves above);
 * - the score is ``sum / sqrt(count) + bias``, computed in double and stored as float32.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "_buffer.h"

static uint32_t crc_table[256];

static void
make_crc_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

/* zlib's crc32(bytes, crc): continues a CRC-32 over more bytes. */
static uint32_t
crc32_more(uint32_t crc, const char *bytes, Py_ssize_t len)
{
    uint32_t c = ~crc;
    for (Py_ssize_t i = 0; i < len; i++) {
        c = crc_table[(c ^ (unsigned char)bytes[i]) & 0xFF] ^ (c >> 8);
    }
    return ~c;
}

/* A word's UTF-8 bytes: the str's own (cached) UTF-8 where it has no lone surrogate, else
 * a bytes object encoded with "surrogatepass", returned in *owned for the caller to drop. */
static const char *
utf8_of(PyObject *word, Py_ssize_t *len, PyObject **owned)
{
    *owned = NULL;
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "scores: a block's words are str");
        return NULL;
    }
    const char *bytes = PyUnicode_AsUTF8AndSize(word, len);
    if (bytes != NULL) {
        return bytes;
    }
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        return NULL;
    }
    PyErr_Clear();
    *owned = PyUnicode_AsEncodedString(word, "utf-8", "surrogatepass");
    if (*owned == NULL) {
        return NULL;
    }
    *len = PyBytes_GET_SIZE(*owned);
    return PyBytes_AS_STRING(*owned);
}

static int
compare_buckets(const void *a, const void *b)
{
    const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* NumPy's pairwise_sum of the float32 weights of class ``k`` of ``n`` buckets (``rows``:
 * each bucket's row of weights, in the order they are added). */
static float
pairwise_sum(const float *const *rows, Py_ssize_t n, int k)
{
    if (n < 8) {
        float res = -0.0f;
        for (Py_ssize_t i = 0; i < n; i++) {
            res += rows[i][k];
        }
        return res;
    }
    if (n <= 128) {
        float r[8];
        for (int j = 0; j < 8; j++) {
            r[j] = rows[j][k];
        }
        Py_ssize_t i;
        for (i = 8; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; j++) {
                r[j] += rows[i + j][k];
            }
        }
        float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) {
            res += rows[i][k];
        }
        return res;
    }
    Py_ssize_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(rows, n2, k) + pairwise_sum(rows + n2, n - n2, k);
}

/* The buckets of one block's tokens, written to ``buckets`` (room for 2 * words + 1),
 * sorted and distinct; their count, or -1 with an exception set. */
static Py_ssize_t
row_buckets(PyObject *words, uint32_t mask, uint32_t *buckets)
{
    static const char nowords[] = "<nowords>";
    const Py_ssize_t n = PyList_GET_SIZE(words);
    if (n == 0) {
        buckets[0] = crc32_more(0, nowords, sizeof nowords - 1) & mask;
        return 1;
    }
    Py_ssize_t count = 0;
    uint32_t previous = 0;  /* the CRC of the previous word: its pair continues it */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t len;
        PyObject *owned;
        const char *bytes = utf8_of(PyList_GET_ITEM(words, i), &len, &owned);
        if (bytes == NULL) {
            return -1;
        }
        const uint32_t crc = crc32_more(0, bytes, len);
        buckets[count++] = crc & mask;
        if (i > 0) {
            buckets[count++] = crc32_more(crc32_more(previous, " ", 1), bytes, len) & mask;
        }
        if (i == 0) {
            buckets[count++] = crc32_more(crc32_more(0, "^", 1), bytes, len) & mask;
        }
        if (i == n - 1) {
            buckets[count++] = crc32_more(crc32_more(0, "$", 1), bytes, len) & mask;
        }
        previous = crc;
        Py_XDECREF(owned);
    }
    qsort(buckets, (size_t)count, sizeof *buckets, compare_buckets);
    Py_ssize_t distinct = 1;
    for (Py_ssize_t i = 1; i < count; i++) {
        if (buckets[i] != buckets[distinct - 1]) {
            buckets[distinct++] = buckets[i];
        }
    }
    return distinct;
}

static PyObject *
scores(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *rows_obj, *weights_obj, *bias_obj, *out_obj;
    if (!PyArg_ParseTuple(args, "O!OOO:scores", &PyList_Type, &rows_obj, &weights_obj,
                          &bias_obj, &out_obj)) {
        return NULL;
    }
    Py_buffer weights, bias, out;
    if (get_buffer(weights_obj, &weights, "f", 4, 0, "scores: weights") < 0) {
        return NULL;
    }
    if (get_buffer(bias_obj, &bias, "f", 4, 0, "scores: bias") < 0) {
        PyBuffer_Release(&weights);
        return NULL;
    }
    if (get_buffer(out_obj, &out, "f", 4, 1, "scores: out") < 0) {
        PyBuffer_Release(&weights);
        PyBuffer_Release(&bias);
        return NULL;
    }
    const Py_ssize_t n_rows = PyList_GET_SIZE(rows_obj);
    const Py_ssize_t n_classes = bias.len / 4;
    const Py_ssize_t n_buckets = n_classes ? weights.len / 4 / n_classes : 0;
    uint32_t *buckets = NULL;
    const float **picked = NULL;
    PyObject *result = NULL;
    if (n_classes < 1 || weights.len / 4 != n_buckets * n_classes
            || n_buckets < 2 || (n_buckets & (n_buckets - 1)) != 0
            || n_buckets > ((Py_ssize_t)1 << 31) || out.len / 4 != n_rows * n_classes) {
        PyErr_SetString(PyExc_ValueError, "scores: weights is not (2**bits x classes), bias "
                        "not (classes,) or out not (rows x classes)");
        goto done;
    }
    Py_ssize_t most = 0;  /* the longest row's words */
    for (Py_ssize_t r = 0; r < n_rows; r++) {
        PyObject *words = PyList_GET_ITEM(rows_obj, r);
        if (!PyList_Check(words)) {
            PyErr_SetString(PyExc_TypeError, "scores: each row is a list of words");
            goto done;
        }
        if (PyList_GET_SIZE(words) > most) {
            most = PyList_GET_SIZE(words);
        }
    }
    buckets = PyMem_Malloc(sizeof *buckets * (size_t)(2 * most + 2));
    picked = PyMem_Malloc(sizeof *picked * (size_t)(2 * most + 2));
    if (buckets == NULL || picked == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const float *table = (const float *)weights.buf, *add = (const float *)bias.buf;
    float *score = (float *)out.buf;
    const uint32_t mask = (uint32_t)(n_buckets - 1);
    for (Py_ssize_t r = 0; r < n_rows; r++) {
        const Py_ssize_t count = row_buckets(PyList_GET_ITEM(rows_obj, r), mask, buckets);
        if (count < 0) {
            goto done;
        }
        for (Py_ssize_t i = 0; i < count; i++) {
            picked[i] = table + (Py_ssize_t)buckets[i] * n_classes;
        }
        const double root = sqrt((double)count);
        for (Py_ssize_t k = 0; k < n_classes; k++) {
            float sum = picked[0][k];
            if (count > 1) {
                sum += pairwise_sum(picked + 1, count - 1, (int)k);
            }
            score[r * n_classes + k] = (float)((double)sum / root + (double)add[k]);
        }
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(buckets);
    PyMem_Free(picked);
    PyBuffer_Release(&weights);
    PyBuffer_Release(&bias);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"scores", scores, METH_VARARGS,
     "scores(rows, weights, bias, out): the word model's class scores of every row (a list "
     "of each block's lowercase words) written to out (rows x classes, float32)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner._wordhash",
    "The word model's scores of cleaner.words in C (an optional accelerator).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__wordhash(void)
{
    make_crc_table();
    return PyModule_Create(&module);
}
