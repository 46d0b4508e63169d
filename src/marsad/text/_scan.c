/*
 * The tokenizer's inner loop in C: the same tokens as tokens._TOKEN and TokenizedText's pure-Python path
 * (tests/text/test_tokens.py checks the two agree on random text and on real articles).
 *
 * Why C: tokenising is half the cost of the date and amount steps. In Python every token costs a regex match
 * object and four method calls, about a microsecond; an article has about 500 tokens. Here a token costs the
 * Python objects it returns and nothing more.
 *
 * scan(text, classes, keys, fold, kind_names) -> (kinds, keys, starts, ends, glued), five tuples:
 *   classes     bytes of 65,536 character classes (0 space, 1 word, 2 digit, 3 Latin letter, 4 other), built
 *               by tokens.py from the same ranges as its regex; characters beyond U+FFFF are "other"
 *   keys        dict {surface: folded key}, read and filled here (the same cache the Python path uses)
 *   fold        the function that folds a surface missing from `keys`
 *   kind_names  ("word", "num", "latin", "punct")
 * Tokens whose key is empty (a lone tatweel or diacritic) are left out, as in the Python path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

enum { C_SPACE = 0, C_WORD = 1, C_DIGIT = 2, C_LATIN = 3, C_OTHER = 4 };

typedef struct {
    int kind;
    const void *data;
    const unsigned char *classes;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) { return PyUnicode_READ(t->kind, t->data, i); }

static inline int cls(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = at(t, i);
    return c < 0x10000 ? t->classes[c] : C_OTHER;
}

/* End of the run of characters of class c starting at i (the regex's [...]++). */
static inline Py_ssize_t run_end(const Text *t, Py_ssize_t i, Py_ssize_t n, int c) {
    while (i < n && cls(t, i) == c)
        i++;
    return i;
}

static inline int is_digit(const Text *t, Py_ssize_t i, Py_ssize_t n) { return i < n && cls(t, i) == C_DIGIT; }

/* separators that join digit groups into one number: . , ٫ ٬ (the regex's [.,\u066B\u066C]) */
static inline int is_number_separator(Py_UCS4 c) { return c == '.' || c == ',' || c == 0x066B || c == 0x066C; }

/* End of the number starting at p (a digit), by the regex's two alternatives, in its order. */
static Py_ssize_t number_end(const Text *t, Py_ssize_t p, Py_ssize_t n) {
    Py_ssize_t run = p;
    while (is_digit(t, run, n))
        run++;
    /* 1: one to three digits, then groups of «،» + three digits, not followed by a digit («29،176،352»).
     * The regex backtracks one group when a digit follows the last: «1،234،5678» gives «1،234». */
    if (run - p <= 3) {
        Py_ssize_t q = run, groups = 0;
        while (q + 3 < n && at(t, q) == 0x060C && is_digit(t, q + 1, n) && is_digit(t, q + 2, n)
               && is_digit(t, q + 3, n)) {
            q += 4;
            groups++;
        }
        if (groups > 0 && is_digit(t, q, n)) {
            q -= 4;
            groups--;
        }
        if (groups > 0)
            return q;
    }
    /* 2: digit groups joined by single separators: 2,035,956 · 34.6 · ٣٤٫٦ */
    Py_ssize_t q = run;
    while (q + 1 < n && is_number_separator(at(t, q)) && is_digit(t, q + 1, n)) {
        q++;
        while (is_digit(t, q, n))
            q++;
    }
    return q;
}

static int append_new(PyObject *list, PyObject *item) {
    if (item == NULL)
        return -1;
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

static PyObject *key_of(PyObject *surface, PyObject *keys, PyObject *fold) {
    PyObject *key = PyDict_GetItemWithError(keys, surface); /* borrowed */
    if (key != NULL) {
        Py_INCREF(key);
        return key;
    }
    if (PyErr_Occurred())
        return NULL;
    key = PyObject_CallOneArg(fold, surface);
    if (key == NULL)
        return NULL;
    if (!PyUnicode_Check(key)) {
        Py_DECREF(key);
        PyErr_SetString(PyExc_TypeError, "fold must return a str");
        return NULL;
    }
    if (PyDict_SetItem(keys, surface, key) < 0) {
        Py_DECREF(key);
        return NULL;
    }
    return key;
}

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *text, *classes, *keys, *fold, *names;
    if (!PyArg_ParseTuple(args, "UO!O!OO!:scan", &text, &PyBytes_Type, &classes, &PyDict_Type, &keys, &fold,
                          &PyTuple_Type, &names))
        return NULL;
    if (PyBytes_GET_SIZE(classes) != 0x10000 || PyTuple_GET_SIZE(names) != 4) {
        PyErr_SetString(PyExc_ValueError, "scan: classes must be 65536 bytes and kind_names 4 strings");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), (const unsigned char *)PyBytes_AS_STRING(classes)};
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *kind_word = PyTuple_GET_ITEM(names, 0), *kind_num = PyTuple_GET_ITEM(names, 1),
             *kind_latin = PyTuple_GET_ITEM(names, 2), *kind_punct = PyTuple_GET_ITEM(names, 3);

    PyObject *lists[5] = {PyList_New(0), PyList_New(0), PyList_New(0), PyList_New(0), PyList_New(0)};
    PyObject *result = NULL;
    for (int k = 0; k < 5; k++)
        if (lists[k] == NULL)
            goto done;
    PyObject *kinds = lists[0], *keylist = lists[1], *starts = lists[2], *ends = lists[3], *glued = lists[4];

    Py_ssize_t i = 0, last_end = -1;
    while (i < n) {
        int c = cls(&t, i);
        Py_ssize_t end;
        PyObject *kind;
        switch (c) {
        case C_SPACE:
            i++;
            continue;
        case C_WORD:
            end = run_end(&t, i, n, C_WORD);
            kind = kind_word;
            break;
        case C_DIGIT:
            end = number_end(&t, i, n);
            kind = kind_num;
            break;
        case C_LATIN:
            end = run_end(&t, i, n, C_LATIN);
            kind = kind_latin;
            break;
        default:
            end = i + 1;
            kind = kind_punct;
        }
        PyObject *surface = PyUnicode_Substring(text, i, end);
        if (surface == NULL)
            goto done;
        PyObject *key = key_of(surface, keys, fold);
        Py_DECREF(surface);
        if (key == NULL)
            goto done;
        if (PyUnicode_GET_LENGTH(key) == 0) { /* nothing to match: not a token */
            Py_DECREF(key);
            i = end;
            continue;
        }
        if (append_new(keylist, key) < 0 || PyList_Append(kinds, kind) < 0
            || append_new(starts, PyLong_FromSsize_t(i)) < 0 || append_new(ends, PyLong_FromSsize_t(end)) < 0
            || PyList_Append(glued, i == last_end ? Py_True : Py_False) < 0)
            goto done;
        last_end = end;
        i = end;
    }
    result = PyTuple_New(5);
    if (result == NULL)
        goto done;
    for (int k = 0; k < 5; k++) {
        PyObject *tuple = PyList_AsTuple(lists[k]);
        if (tuple == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyTuple_SET_ITEM(result, k, tuple);
    }
done:
    for (int k = 0; k < 5; k++)
        Py_XDECREF(lists[k]);
    return result;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "scan(text, classes, keys, fold, kind_names) -> (kinds, keys, starts, ends, glued)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", "The tokenizer's inner loop (see tokens.py).",
                                    -1, methods};

PyMODINIT_FUNC PyInit__scan(void) { return PyModule_Create(&module); }
