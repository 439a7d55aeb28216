/* What both C accelerators (_descend.c, _wordhash.c) need of their buffer arguments.
 * Included by each: a header of static functions, not a module of its own. */
#ifndef CLEANER_BUFFER_H
#define CLEANER_BUFFER_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

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

#endif
