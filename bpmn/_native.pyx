# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled half of the BPMN reader: the same results, without the interpreter.

Reading a BPMN file spends most of its time visiting thousands of small XML elements
through lxml's Python API (an element proxy, a tag string and a value string per
call) and setting the fields of thousands of frozen model objects.  This module does
both in C on the tree lxml has already parsed: it walks libxml2's nodes directly
through lxml's public C API (``lxml.includes.etreepublic``; no libxml2 function is
linked, only its structs are read) and fills the model's slotted dataclasses through
their slot descriptors, as ``object.__setattr__`` would.

It covers the common, regular cases only; anything unusual is handed back to the
Python reader, which stays the reference (see :mod:`bpmn.native`):

* :class:`SlotConstructor` builds a slotted frozen dataclass from positional values
  or a mapping (defaults for the rest), as the dataclass's ``__init__`` would;
* :func:`read_plane` reads a ``BPMNPlane``'s shapes and edges; a shape or an edge with
  more than ``id`` and ``bpmnElement``, a coloured label or a number that is not a
  plain decimal goes to the Python reader's callbacks;
* :func:`scope_entries` reads the children of a process or subprocess: flow nodes as
  their parts, plain sequence flows as finished objects, the rest as lxml elements;
* :func:`parts` gives an element's own attributes, source line, the texts of chosen
  child elements (``incoming``, ``outgoing``, ``flowNodeRef`` …) and its other element
  children, which is what the process reader needs of every flow node and flow;
* :func:`declares_namespace` lets the secure parser's XInclude check look at the
  tree's namespace declarations instead of searching the bytes.

Only the diagram layer's objects (numbers, strings, flags) are left untracked by the
cyclic garbage collector; every other object is an ordinary instance.

Nothing here is evaluated or executed; values are copied as text or parsed as numbers.
"""

from libc.stdlib cimport free, malloc
from libc.string cimport strcmp
from cpython.ref cimport PyObject

cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree

cetree.import_lxml__etree()

#: The lxml release this module was compiled against; :mod:`bpmn.native` refuses to
#: use the module with any other (the layout of lxml's element objects may differ).
LXML_VERSION = (<bytes>cetree.LXML_VERSION_STRING).decode("ascii")

cdef extern from *:
    """
    /* A new, empty instance of a class whose __new__ is object.__new__. */
    static PyObject *pm_alloc(PyObject *cls) {
        PyTypeObject *type = (PyTypeObject *) cls;
        return type->tp_alloc(type, 0);
    }
    /* Set one slot through its member descriptor: what object.__setattr__ ends in. */
    static int pm_set_slot(PyObject *descriptor, PyObject *obj, PyObject *value) {
        return Py_TYPE(descriptor)->tp_descr_set(descriptor, obj, value);
    }
    """
    object pm_alloc(object cls)
    int pm_set_slot(object descriptor, object obj, object value) except -1

cdef extern from "Python.h":
    # Declared without an exception check: a failed parse is noticed by its end
    # pointer, and its ValueError is cleared there.
    double PyOS_string_to_double(const char *s, char **endptr,
                                 PyObject *overflow_exception) noexcept
    void PyErr_Clear() noexcept
    void PyObject_GC_UnTrack(void* op) noexcept

cdef const char* BPMNDI = b"http://www.omg.org/spec/BPMN/20100524/DI"
cdef const char* DC = b"http://www.omg.org/spec/DD/20100524/DC"
cdef const char* DI = b"http://www.omg.org/spec/DD/20100524/DI"
cdef const char* MODEL = b"http://www.omg.org/spec/BPMN/20100524/MODEL"

#: libxml2 keeps source lines in an unsigned short; from this value on, lxml's own
#: ``sourceline`` (which looks further) is asked.
cdef unsigned short LINE_SATURATED = 65535


# --- building slotted dataclasses ------------------------------------------------


cdef class SlotConstructor:
    """Builds instances of one slotted, frozen dataclass without running ``__init__``.

    ``SlotConstructor(Shape, ("id", "element_id", "bounds"))(a, b, c)`` equals
    ``Shape(id=a, element_id=b, bounds=c)``; fields not named get their defaults.
    ``from_mapping(values)`` takes any fields by name, like ``Shape(**values)``.
    Only for classes whose ``__init__`` does nothing but set the fields (no
    ``__post_init__``, no default factories): the constructor refuses others.
    """

    cdef object cls
    cdef tuple descriptors       # every field's slot descriptor, in field order
    cdef tuple defaults          # every field's default (or a marker: required)
    cdef tuple positions         # positions of the positional names among the fields
    cdef Py_ssize_t* source      # per field: its position among the values, or -1
    cdef Py_ssize_t count        # number of fields
    cdef dict index              # field name -> position
    cdef tuple names_of_fields   # every field's name, in field order
    cdef readonly tuple names

    def __cinit__(self, *args, **kwargs):
        self.source = NULL

    def __dealloc__(self):
        free(self.source)

    def __init__(self, cls, names=()):
        import dataclasses

        if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
            raise TypeError(f"{cls!r} is not a dataclass")
        if "__slots__" not in vars(cls) or "__post_init__" in vars(cls):
            raise TypeError(f"{cls.__name__} is not a plain slotted dataclass")
        if cls.__new__ is not object.__new__:
            raise TypeError(f"{cls.__name__} has its own __new__")
        fields = dataclasses.fields(cls)
        descriptors, defaults = [], []
        for field in fields:
            if field.default_factory is not dataclasses.MISSING:
                raise TypeError(f"{cls.__name__}.{field.name} has a default factory")
            descriptor = None
            for klass in cls.__mro__:
                candidate = vars(klass).get(field.name)
                if candidate is not None and type(candidate).__name__ == "member_descriptor":
                    descriptor = candidate
                    break
            if descriptor is None:
                raise TypeError(f"{cls.__name__}.{field.name} is not a slot")
            descriptors.append(descriptor)
            defaults.append(_REQUIRED if field.default is dataclasses.MISSING else field.default)
        self.cls = cls
        self.descriptors = tuple(descriptors)
        self.defaults = tuple(defaults)
        self.index = {field.name: i for i, field in enumerate(fields)}
        self.names_of_fields = tuple(field.name for field in fields)
        unknown = [name for name in names if name not in self.index]
        if unknown:
            raise TypeError(f"{cls.__name__} has no fields {unknown}")
        self.names = tuple(names)
        self.positions = tuple(self.index[name] for name in names)
        self.count = len(fields)
        self.source = <Py_ssize_t*>malloc(max(self.count, 1) * sizeof(Py_ssize_t))
        if self.source is NULL:
            raise MemoryError()
        for i in range(self.count):
            self.source[i] = -1
        for i, position in enumerate(self.positions):
            self.source[position] = i
        missing = [f.name for f, d in zip(fields, defaults)
                   if d is _REQUIRED and f.name not in self.names]
        if missing and self.names:
            raise TypeError(f"{cls.__name__}.{missing[0]} has no default and is not among "
                            f"{self.names}")

    def __call__(self, *values):
        return self.make(values)

    cdef object make(self, tuple values):
        cdef Py_ssize_t i, position
        if len(values) != len(self.positions):
            raise TypeError(f"{self.cls.__name__} constructor takes {len(self.positions)} "
                            f"values, {len(values)} given")
        instance = pm_alloc(self.cls)
        for i in range(self.count):
            position = self.source[i]
            value = values[position] if position >= 0 else self.default(i)
            pm_set_slot(self.descriptors[i], instance, value)
        return instance

    def from_mapping(self, dict values):
        """An instance with the fields in ``values`` (by name) and defaults for the rest."""
        cdef Py_ssize_t i
        cdef list given = [False] * self.count
        instance = pm_alloc(self.cls)
        # The given fields first (usually a third of them), then the defaults.
        for name, value in values.items():
            position = self.index.get(name)
            if position is None:
                unknown = sorted(set(values) - set(self.index))
                raise TypeError(f"{self.cls.__name__} has no fields {unknown}")
            i = position
            pm_set_slot(self.descriptors[i], instance, value)
            given[i] = True
        for i in range(self.count):
            if given[i] is False:
                pm_set_slot(self.descriptors[i], instance, self.default(i))
        return instance

    cdef object default(self, Py_ssize_t i):
        """The default of field ``i``; refuses a field that has none."""
        value = self.defaults[i]
        if value is _REQUIRED:
            raise TypeError(f"{self.cls.__name__} needs the field {self.names_of_fields[i]!r}")
        return value


cdef object _REQUIRED = object()


# --- libxml2 nodes ----------------------------------------------------------------


cdef inline bint _is(tree.xmlNode* node, const char* href, const char* name) noexcept:
    """Whether ``node`` is the element ``{href}name``."""
    return (node.type == tree.XML_ELEMENT_NODE and node.ns is not NULL
            and strcmp(<const char*>node.ns.href, href) == 0
            and strcmp(<const char*>node.name, name) == 0)


cdef inline const char* _plain_value(tree.xmlNode* node, const char* name) noexcept:
    """The value of the attribute ``name`` (no namespace) when it is one text node.

    NULL when the attribute is missing or its value is not a single text node (the
    caller then falls back to lxml, which assembles any value).
    """
    cdef tree.xmlAttr* attribute = node.properties
    while attribute is not NULL:
        if attribute.ns is NULL and strcmp(<const char*>attribute.name, name) == 0:
            if (attribute.children is not NULL and attribute.children.next is NULL
                    and attribute.children.type == tree.XML_TEXT_NODE
                    and attribute.children.content is not NULL):
                return <const char*>attribute.children.content
            return NULL
        attribute = attribute.next
    return NULL


cdef inline bint _only_id_and_element(tree.xmlNode* node) noexcept:
    """Whether the node's attributes are at most ``id`` and ``bpmnElement``."""
    cdef tree.xmlAttr* attribute = node.properties
    while attribute is not NULL:
        if attribute.ns is not NULL:
            return False
        if (strcmp(<const char*>attribute.name, b"id") != 0
                and strcmp(<const char*>attribute.name, b"bpmnElement") != 0):
            return False
        attribute = attribute.next
    return True


#: The boolean attributes of a shape, in the order of ``_MAKE_FLAGGED_SHAPE``'s fields.
cdef const char* SHAPE_FLAGS[4]
SHAPE_FLAGS[:] = [b"isExpanded", b"isHorizontal", b"isMarkerVisible", b"isMessageVisible"]


cdef inline int _flag(const char* value) noexcept:
    """1 for "true"/"1", 0 for "false"/"0", -1 for anything the Python reader must judge."""
    if value is NULL:
        return -1
    if strcmp(value, b"true") == 0 or strcmp(value, b"1") == 0:
        return 1
    if strcmp(value, b"false") == 0 or strcmp(value, b"0") == 0:
        return 0
    return -1


cdef inline bint _shape_attributes(tree.xmlNode* node, int* flags) noexcept:
    """Whether a shape's attributes are ``id``, ``bpmnElement`` and plain boolean flags.

    ``flags`` gets, per entry of ``SHAPE_FLAGS``, 1 (true), 0 (false) or -1 (absent).
    """
    cdef tree.xmlAttr* attribute = node.properties
    cdef const char* name
    cdef int i, value
    cdef bint known
    for i in range(4):
        flags[i] = -1
    while attribute is not NULL:
        if attribute.ns is not NULL:
            return False
        name = <const char*>attribute.name
        if strcmp(name, b"id") != 0 and strcmp(name, b"bpmnElement") != 0:
            known = False
            for i in range(4):
                if strcmp(name, SHAPE_FLAGS[i]) == 0:
                    value = _flag(_plain_value(node, name))
                    if value < 0:
                        return False
                    flags[i] = value
                    known = True
                    break
            if not known:
                return False
        attribute = attribute.next
    return True


cdef inline object _bool_or_none(int flag):
    if flag < 0:
        return None
    return flag == 1


cdef object _text_value(tree.xmlNode* node, const char* name, cetree._Document doc):
    """The attribute's value as a str, or None when it is missing."""
    cdef const char* value = _plain_value(node, name)
    if value is not NULL:
        return value.decode("utf-8")
    return cetree.attributeValueFromNsName(node, NULL, <const unsigned char*>name)


cdef double[23] POWERS_OF_TEN
for _i in range(23):
    POWERS_OF_TEN[_i] = 10.0 ** _i


cdef inline bint _decimal(const char* text, double* out) noexcept:
    """Parse ``[-+]digits[.digits]`` of at most 15 significant digits exactly.

    Such a number is an integer below 2**53 divided by a power of ten below 10**23,
    both exact doubles, so the one correctly rounded division gives exactly what
    ``float()`` gives.  Anything else (exponents, more digits) returns False.
    """
    cdef const char* p = text
    cdef bint negative = False
    cdef long long mantissa = 0
    cdef int digits = 0, decimals = 0
    cdef bint point = False, any_digit = False
    if p[0] == 45 or p[0] == 43:  # "-" or "+"
        negative = p[0] == 45
        p += 1
    while True:
        if 48 <= p[0] <= 57:  # a digit
            any_digit = True
            if digits or p[0] != 48:
                digits += 1
            if digits > 15:
                return False
            mantissa = mantissa * 10 + (p[0] - 48)
            if point:
                decimals += 1
        elif p[0] == 46 and not point:  # "."
            point = True
        else:
            break
        p += 1
    if p[0] != 0 or not any_digit or decimals > 22:
        return False
    out[0] = (-<double>mantissa if negative else <double>mantissa) / POWERS_OF_TEN[decimals]
    return True


cdef inline bint _number(tree.xmlNode* node, const char* name, double* out) noexcept:
    """Parse a plain decimal attribute; False for anything the Python reader must judge."""
    cdef const char* value = _plain_value(node, name)
    cdef char* end
    if value is NULL or value[0] == 0:
        return False
    if _decimal(value, out):
        return True
    out[0] = PyOS_string_to_double(value, &end, NULL)
    if end == value:
        PyErr_Clear()  # not a number at all: PyOS_string_to_double raised ValueError
        return False
    return end[0] == 0


cdef object _line(tree.xmlNode* node, cetree._Document doc):
    if node.line < LINE_SATURATED:
        return node.line
    return cetree.elementFactory(doc, node).sourceline


# --- the diagram layer --------------------------------------------------------------


cdef SlotConstructor _MAKE_BOUNDS
cdef SlotConstructor _MAKE_POINT
cdef SlotConstructor _MAKE_SHAPE
cdef SlotConstructor _MAKE_FLAGGED_SHAPE
cdef SlotConstructor _MAKE_EDGE


cdef inline object _untracked(object instance):
    """The diagram layer's objects hold only numbers, strings, flags and each other, and
    are frozen: they can never be part of a reference cycle, so the cyclic garbage
    collector need not visit them (CPython does the same for tuples of atoms)."""
    PyObject_GC_UnTrack(<void*>instance)
    return instance


def _init_diagram_classes():
    global _MAKE_BOUNDS, _MAKE_POINT, _MAKE_SHAPE, _MAKE_FLAGGED_SHAPE, _MAKE_EDGE
    from procmodel.model import Bounds, Edge, Point, Shape

    _MAKE_BOUNDS = SlotConstructor(Bounds, ("x", "y", "width", "height"))
    _MAKE_POINT = SlotConstructor(Point, ("x", "y"))
    _MAKE_SHAPE = SlotConstructor(
        Shape, ("id", "element_id", "bounds", "label_bounds", "line"))
    _MAKE_FLAGGED_SHAPE = SlotConstructor(
        Shape, ("id", "element_id", "bounds", "label_bounds", "line", "is_expanded",
                "is_horizontal", "is_marker_visible", "is_message_visible"))
    _MAKE_EDGE = SlotConstructor(
        Edge, ("id", "element_id", "waypoints", "label_bounds", "line"))


_init_diagram_classes()


cdef object _bounds(tree.xmlNode* node):
    """``Bounds`` of a ``dc:Bounds`` node, or None when a number is not plain."""
    cdef double x, y, width, height
    if (_number(node, b"x", &x) and _number(node, b"y", &y)
            and _number(node, b"width", &width) and _number(node, b"height", &height)):
        return _untracked(_MAKE_BOUNDS.make((x, y, width, height)))
    return None


cdef tree.xmlNode* _first_bounds(tree.xmlNode* node) noexcept:
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if _is(child, DC, b"Bounds"):
            return child
        child = child.next
    return NULL


cdef bint _label(tree.xmlNode* node, list out):
    """Append the label bounds of a plain ``BPMNLabel`` (no attributes) to ``out``.

    False when the label is not plain (a colour, an odd number): the Python reader
    then reads the whole shape or edge.
    """
    if node.properties is not NULL:
        return False
    cdef tree.xmlNode* bounds_node = _first_bounds(node)
    if bounds_node is NULL:
        out.append(None)
        return True
    bounds = _bounds(bounds_node)
    if bounds is None:
        return False
    out.append(bounds)
    return True


cdef object _shape(tree.xmlNode* node, cetree._Document doc):
    """The ``Shape`` of a plain ``BPMNShape``, or None."""
    cdef int flags[4]
    if not _shape_attributes(node, flags):
        return None
    bounds = label_bounds = None
    cdef list label = []
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if bounds is None and _is(child, DC, b"Bounds"):
            bounds = _bounds(child)
            if bounds is None:
                return None
        elif not label and _is(child, BPMNDI, b"BPMNLabel"):
            if not _label(child, label):
                return None
        child = child.next
    if bounds is None:
        return None  # the Python reader decides what a shape without bounds gets
    if label:
        label_bounds = label[0]
    if flags[0] < 0 and flags[1] < 0 and flags[2] < 0 and flags[3] < 0:
        return _untracked(_MAKE_SHAPE.make((_text_value(node, b"id", doc),
                                 _text_value(node, b"bpmnElement", doc),
                                 bounds, label_bounds, _line(node, doc))))
    return _untracked(_MAKE_FLAGGED_SHAPE.make((
        _text_value(node, b"id", doc), _text_value(node, b"bpmnElement", doc), bounds,
        label_bounds, _line(node, doc), _bool_or_none(flags[0]), _bool_or_none(flags[1]),
        _bool_or_none(flags[2]), _bool_or_none(flags[3]))))


cdef object _edge(tree.xmlNode* node, cetree._Document doc):
    """The ``Edge`` of a plain ``BPMNEdge``, or None."""
    if not _only_id_and_element(node):
        return None
    cdef list waypoints = []
    cdef list label = []
    cdef double x, y
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if _is(child, DI, b"waypoint"):
            if not (_number(child, b"x", &x) and _number(child, b"y", &y)):
                return None
            waypoints.append(_untracked(_MAKE_POINT.make((x, y))))
        elif not label and _is(child, BPMNDI, b"BPMNLabel"):
            if not _label(child, label):
                return None
        child = child.next
    return _untracked(_MAKE_EDGE.make((_text_value(node, b"id", doc),
                                       _text_value(node, b"bpmnElement", doc),
                                       tuple(waypoints), label[0] if label else None,
                                       _line(node, doc))))


def read_plane(cetree._Element plane not None, read_shape, read_edge):
    """The shapes and edges of a ``BPMNPlane``, in file order.

    Plain shapes and edges are built here; every other one is passed (as an lxml
    element) to ``read_shape`` or ``read_edge``, the Python reader's functions.
    Elements other than shapes and edges (vendor extensions) are skipped.
    """
    cdef list shapes = []
    cdef list edges = []
    cdef cetree._Document doc = plane._doc
    cdef tree.xmlNode* child = plane._c_node.children
    while child is not NULL:
        if _is(child, BPMNDI, b"BPMNShape"):
            shape = _shape(child, doc)
            if shape is None:
                shape = read_shape(cetree.elementFactory(doc, child))
            shapes.append(shape)
        elif _is(child, BPMNDI, b"BPMNEdge"):
            edge = _edge(child, doc)
            if edge is None:
                edge = read_edge(cetree.elementFactory(doc, child))
            edges.append(edge)
        child = child.next
    return shapes, edges


# --- the parts of a process element ---------------------------------------------------


cdef object _attributes(tree.xmlNode* node):
    """The element's attributes without a namespace, name -> value."""
    cdef dict attributes = {}
    cdef tree.xmlAttr* attribute = node.properties
    cdef tree.xmlNode* value
    while attribute is not NULL:
        if attribute.ns is NULL:
            value = attribute.children
            if (value is not NULL and value.next is NULL and value.type == tree.XML_TEXT_NODE
                    and value.content is not NULL):
                attributes[(<const char*>attribute.name).decode("utf-8")] = (
                    (<const char*>value.content).decode("utf-8"))
            else:
                attributes[(<const char*>attribute.name).decode("utf-8")] = (
                    cetree.attributeValue(node, attribute))
        attribute = attribute.next
    return attributes


cdef inline bint _is_text(tree.xmlNode* node) noexcept:
    return node is not NULL and (node.type == tree.XML_TEXT_NODE
                                 or node.type == tree.XML_CDATA_SECTION_NODE)


cdef object _leading_text(tree.xmlNode* node):
    """What lxml's ``.text`` gives: the text and CDATA nodes before the first other node.

    Usually one node; many (e.g. CDATA sections one after another) are joined once, so
    a hostile file cannot make this quadratic."""
    cdef tree.xmlNode* child = node.children
    if not _is_text(child):
        return ""
    if not _is_text(child.next):
        return (<const char*>child.content).decode("utf-8") if child.content is not NULL else ""
    cdef list pieces = []
    while _is_text(child):
        if child.content is not NULL:
            pieces.append(<bytes>(<const char*>child.content))
        child = child.next
    return b"".join(pieces).decode("utf-8")


def parts(cetree._Element element not None, tuple text_tags):
    """What the process reader needs of one element, in one visit.

    ``text_tags`` names child elements of the BPMN namespace by local name (as
    bytes) whose text is wanted, e.g. ``(b"incoming", b"outgoing")``.  Returns
    ``(attributes, line, texts, others)``: the element's attributes without a
    namespace, its source line, per text tag a list of the stripped texts of those
    children in order, and every other element child (lxml elements, in order).
    """
    return _parts(element._c_node, element._doc, text_tags)


cdef tuple _parts(tree.xmlNode* node, cetree._Document doc, tuple text_tags):
    cdef Py_ssize_t count = len(text_tags)
    cdef Py_ssize_t i
    cdef list texts = [[] for _ in range(count)]
    cdef list others = []
    cdef tree.xmlNode* child = node.children
    cdef bint matched
    while child is not NULL:
        if child.type == tree.XML_ELEMENT_NODE:
            matched = False
            if count and child.ns is not NULL and strcmp(<const char*>child.ns.href, MODEL) == 0:
                for i in range(count):
                    if strcmp(<const char*>child.name, <const char*>(<bytes>text_tags[i])) == 0:
                        (<list>texts[i]).append(_leading_text(child).strip())
                        matched = True
                        break
            if not matched:
                others.append(cetree.elementFactory(doc, child))
        child = child.next
    return _attributes(node), _line(node, doc), texts, others


def number(bytes text not None):
    """The coordinate parse of :func:`read_plane` on ``text``: a float, or None where the
    Python reader must judge the value (exposed for the tests)."""
    cdef double value
    cdef char* end
    cdef const char* raw = text
    if not raw[0]:
        return None
    if _decimal(raw, &value):
        return value
    value = PyOS_string_to_double(raw, &end, NULL)
    if end == raw:
        PyErr_Clear()
        return None
    return value if end[0] == 0 else None


# --- the children of a process or subprocess -------------------------------------------

#: Entry codes of :func:`scope_entries`.
NODE = 0
FLOW = 1
OTHER = 2
#: The children of a flow node whose texts :func:`scope_entries` collects.
cdef tuple NODE_TEXTS = (b"incoming", b"outgoing")


cdef object _immediate(tree.xmlNode* node):
    """``isImmediate`` as the Python reader reads it (None when absent), or ``_REQUIRED``
    when the Python reader must judge the value."""
    cdef const char* value = _plain_value(node, b"isImmediate")
    cdef int flag
    if value is NULL:
        if cetree.attributeValueFromNsName(
                node, NULL, <const unsigned char*>b"isImmediate") is not None:
            return _REQUIRED
        return None
    flag = _flag(value)
    if flag < 0:
        return _REQUIRED
    return flag == 1


cdef bint _has_element_child(tree.xmlNode* node) noexcept:
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if child.type == tree.XML_ELEMENT_NODE:
            return True
        child = child.next
    return False


def scope_entries(cetree._Element scope not None, dict node_kinds, SlotConstructor make_flow,
                  process_id, parent_id):
    """The element children of a process or subprocess, read as far as is common.

    One entry per element child, in file order:

    * ``(NODE, kind, attributes, line, incoming, outgoing, others)`` for a flow node
      (``node_kinds`` maps BPMN local names to kinds): what :func:`parts` gives for it,
      ``others`` being its children other than ``incoming``/``outgoing``;
    * ``(FLOW, flow)`` for a sequence flow without children, built by ``make_flow``
      (``id, name, line, source, target, process_id, parent_id, is_immediate``);
    * ``(OTHER, element)`` for everything else (the Python reader dispatches it).
    """
    cdef cetree._Document doc = scope._doc
    cdef tree.xmlNode* child = scope._c_node.children
    cdef list entries = []
    while child is not NULL:
        if child.type != tree.XML_ELEMENT_NODE:
            child = child.next
            continue
        if child.ns is not NULL and strcmp(<const char*>child.ns.href, MODEL) == 0:
            kind = node_kinds.get((<const char*>child.name).decode("utf-8"))
            if kind is not None:
                attributes, line, (incoming, outgoing), others = _parts(child, doc, NODE_TEXTS)
                entries.append((NODE, kind, attributes, line, incoming, outgoing, others))
                child = child.next
                continue
            if (strcmp(<const char*>child.name, b"sequenceFlow") == 0
                    and not _has_element_child(child)
                    and (immediate := _immediate(child)) is not _REQUIRED):
                entries.append((FLOW, make_flow.make((
                    _text_value(child, b"id", doc) or "", _text_value(child, b"name", doc),
                    _line(child, doc), _text_value(child, b"sourceRef", doc) or "",
                    _text_value(child, b"targetRef", doc) or "", process_id, parent_id,
                    immediate))))
                child = child.next
                continue
        entries.append((OTHER, cetree.elementFactory(doc, child)))
        child = child.next
    return entries


# --- security checks -----------------------------------------------------------------


def declares_namespace(cetree._Element root not None, tuple hrefs):
    """Whether an element at or below ``root`` declares one of the namespaces ``hrefs``
    (bytes).  An element can only be in a namespace that is declared, so this finds
    every XInclude element's namespace without visiting the elements from Python."""
    cdef tree.xmlNode* top = root._c_node
    cdef tree.xmlNode* node = top
    cdef tree.xmlNs* declared
    cdef Py_ssize_t count = len(hrefs), i
    while node is not NULL:
        if node.type == tree.XML_ELEMENT_NODE:
            declared = node.nsDef
            while declared is not NULL:
                if declared.href is not NULL:
                    for i in range(count):
                        if strcmp(<const char*>declared.href,
                                  <const char*>(<bytes>hrefs[i])) == 0:
                            return True
                declared = declared.next
            if node.children is not NULL:
                node = node.children
                continue
        if node == top:
            break
        while node.next is NULL:
            node = node.parent
            if node == top or node is NULL:
                return False
        node = node.next
    return False
