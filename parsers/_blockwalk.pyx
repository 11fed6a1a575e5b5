# cython: language_level=3
"""The block walk of ``parsers.htmlblocks`` in compiled code.

Same input (the root of lxml's parsed tree), same output (``Block`` / ``Link`` objects)
and the same rules as the pure-Python walk in ``parsers/htmlblocks.py``, which stays the
reference: ``tests/parsers/test_blockwalk.py`` requires both to give identical blocks on
every fixture and on generated HTML. What changes is the cost: the Python walk pays an
interpreter round trip (``el.tag``, ``el.get("style")``, ``el.text``) for every element of
a newsletter's layout tables; here the tree is read from libxml2's node structs directly
(only struct fields, no libxml2 calls, so nothing to link), and Python objects are made
only for the text runs and blocks that come out. bench/parse.py has the figures.
"""

from cpython.unicode cimport PyUnicode_DecodeUTF8, PyUnicode_FromKindAndData
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport strcmp, strlen, strstr

from parsers.covers import cover_for

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISALPHA(Py_UCS4 ch)
    int PyUnicode_4BYTE_KIND

cimport lxml.includes.etreepublic as cetree
from lxml.includes.tree cimport xmlAttr, xmlDoc, xmlNode

from html import unescape

cetree.import_lxml__etree()

cdef enum:
    ELEMENT_NODE = 1
    TEXT_NODE = 3
    CDATA_NODE = 4

cdef enum:
    K_BLOCK = 1
    K_SKIP = 2
    K_BOLD = 4
    K_LIST = 8
    K_A = 16
    K_BR = 32
    K_IMG = 64
    # Heading level in bits 8-10.
    K_HEADING_SHIFT = 8


cdef inline bint _is(const char* name, const char* other) noexcept:
    return strcmp(name, other) == 0


cdef bint _role_heading(xmlNode* node) except -1:
    """htmlblocks: a block marked ``role="heading"``."""
    cdef xmlAttr* role = _attr(node, b"role")
    return role is not NULL and _attr_value(role) == "heading"


cdef int _aria_level(xmlNode* node) except -1:
    """htmlblocks._aria_level: its ``aria-level``, 2 when absent or out of range."""
    cdef xmlAttr* attr = _attr(node, b"aria-level")
    level = _attr_value(attr) if attr is not NULL else ""
    return int(level) if level.isdigit() and 1 <= int(level) <= 6 else 2


cdef int _kind(const char* name) noexcept:
    """Flags for a tag name (lower case, as libxml2's HTML parser gives them).

    The sets are htmlblocks.py's _BLOCK_TAGS, _SKIP_TAGS, _BOLD_TAGS, _LIST_TAGS and
    _HEADINGS; a switch on the first letter keeps it to one or two string compares.
    """
    cdef char c0 = name[0]
    cdef char c1
    if c0 == 0:
        return 0
    c1 = name[1]
    if c1 == 0:
        if c0 == c'p':
            return K_BLOCK
        if c0 == c'a':
            return K_A
        if c0 == c'b':
            return K_BOLD
        return 0
    if c0 == c'h':
        if c1 >= c'1' and c1 <= c'6' and name[2] == 0:
            return K_BLOCK | ((c1 - c'0') << K_HEADING_SHIFT)
        if _is(name, b"hr"):
            return K_BLOCK
        if _is(name, b"header"):
            return K_BLOCK
        if _is(name, b"head"):
            return K_SKIP
        return 0
    if c0 == c't':
        if _is(name, b"td") or _is(name, b"th") or _is(name, b"tr") or _is(name, b"table"):
            return K_BLOCK
        if _is(name, b"title") or _is(name, b"template"):
            return K_SKIP
        return 0
    if c0 == c'd':
        if _is(name, b"div") or _is(name, b"dt") or _is(name, b"dd"):
            return K_BLOCK
        if _is(name, b"dl"):
            return K_BLOCK | K_LIST
        return 0
    if c0 == c'l':
        return K_BLOCK if _is(name, b"li") else 0
    if c0 == c'u':
        return K_BLOCK | K_LIST if _is(name, b"ul") else 0
    if c0 == c'o':
        if _is(name, b"ol"):
            return K_BLOCK | K_LIST
        return K_SKIP if _is(name, b"object") else 0
    if c0 == c'b':
        if _is(name, b"br"):
            return K_BR
        if _is(name, b"blockquote") or _is(name, b"body"):
            return K_BLOCK
        return 0
    if c0 == c's':
        if _is(name, b"span"):
            return 0
        if _is(name, b"strong"):
            return K_BOLD
        if _is(name, b"section"):
            return K_BLOCK
        if _is(name, b"script") or _is(name, b"style") or _is(name, b"svg"):
            return K_SKIP
        return 0
    if c0 == c'i':
        if _is(name, b"img"):
            return K_IMG
        return K_SKIP if _is(name, b"iframe") else 0
    if c0 == c'a':
        return K_BLOCK if _is(name, b"article") or _is(name, b"aside") else 0
    if c0 == c'f':
        if (_is(name, b"footer") or _is(name, b"form") or _is(name, b"figure")
                or _is(name, b"figcaption")):
            return K_BLOCK
        return 0
    if c0 == c'n':
        if _is(name, b"nav"):
            return K_BLOCK
        return K_SKIP if _is(name, b"noscript") else 0
    if c0 == c'c':
        return K_BLOCK if _is(name, b"center") else 0
    if c0 == c'p':
        return K_BLOCK if _is(name, b"pre") else 0
    if c0 == c'm':
        return K_BLOCK if _is(name, b"main") else 0
    return 0


cdef inline int _node_kind(xmlNode* node) noexcept:
    # A namespaced element's lxml tag is "{uri}name": it matches none of the names.
    if node.ns is not NULL or node.name is NULL:
        return 0
    return _kind(<const char*>node.name)


cdef xmlAttr* _attr(xmlNode* node, const char* name) noexcept:
    cdef xmlAttr* a = node.properties
    while a is not NULL:
        if a.ns is NULL and strcmp(<const char*>a.name, name) == 0:
            return a
        a = a.next
    return NULL


cdef str _attr_value(xmlAttr* a):
    """The attribute's value as lxml's ``el.get`` gives it ("" for a bare attribute)."""
    cdef xmlNode* child = a.children
    if child is NULL:
        return ""
    if child.next is NULL and child.content is not NULL:
        return _text(<const char*>child.content)
    parts = []
    while child is not NULL:
        if child.content is not NULL:
            parts.append(_text(<const char*>child.content))
        child = child.next
    return "".join(parts)


cdef inline str _text(const char* s):
    return PyUnicode_DecodeUTF8(s, strlen(s), "replace")


cdef bint _has(xmlAttr* a, const char* needle) noexcept:
    """The attribute's value contains the needle (a quick test before any regex)."""
    cdef xmlNode* child
    if a is NULL:
        return False
    child = a.children
    if child is not NULL and child.next is NULL:
        return child.content is not NULL and strstr(<const char*>child.content, needle) is not NULL
    return child is not NULL  # several text runs (rare): let the caller's regex decide


cdef inline bint _all_space(str text):
    """``str.isspace`` (False for "")."""
    cdef Py_UCS4 ch
    if not text:
        return False
    for ch in text:
        if not Py_UNICODE_ISSPACE(ch):
            return False
    return True


cdef inline bint _wordy(str text):
    cdef Py_UCS4 ch
    for ch in text:
        if ch.isalnum():
            return True
    return False


cdef inline bint _invisible(Py_UCS4 ch):
    """``parsers.text._INVISIBLE``: soft hyphen, zero-width space, word joiner, BOM (the
    joiners, ``_joiner``, only away from ``parsers.text.keep_joiner``'s letters)."""
    return ch == 0xAD or ch == 0x200B or ch == 0x2060 or ch == 0xFEFF


cdef inline bint _joiner(Py_UCS4 ch):
    """Zero-width non-joiner, combining grapheme joiner: padding unless they spell."""
    return ch == 0x200C or ch == 0x34F


cdef inline bint _keep_joiner(str text, Py_ssize_t at, Py_ssize_t n):
    """``parsers.text.keep_joiner``: between two letters from Hebrew (U+0590) on."""
    cdef Py_UCS4 before, after
    if at == 0 or at >= n - 1:
        return False
    before = text[at - 1]
    after = text[at + 1]
    return (
        before >= 0x590 and after >= 0x590
        and Py_UNICODE_ISALPHA(before) and Py_UNICODE_ISALPHA(after)
    )


cdef bint _is_squashed(str text, Py_ssize_t n) except -1:
    """Already one space between words, none at the ends, no invisible marks (most text
    runs are)."""
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    cdef bint after_space = True
    for i in range(n):
        ch = text[i]
        if ch == 32:
            if after_space:
                return False
            after_space = True
        elif Py_UNICODE_ISSPACE(ch) or (ch >= 0xAD and (_invisible(ch) or _joiner(ch))):
            return False
        else:
            after_space = False
    return not after_space


cdef str _squash(str text):
    """``parsers.text.squash``: entities decoded, invisible marks dropped, each
    whitespace run one space, trimmed.

    One pass over the code points instead of ``" ".join(text.split())`` (a string per word).
    """
    cdef Py_ssize_t n, i, out = 0
    cdef Py_UCS4 ch
    cdef Py_UCS4* buf
    cdef bint space = False
    if "&" in text:
        text = unescape(text)
    n = len(text)
    if n == 0 or _is_squashed(text, n):
        return text
    buf = <Py_UCS4*>malloc(n * sizeof(Py_UCS4))
    if buf is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            ch = text[i]
            if Py_UNICODE_ISSPACE(ch):
                space = out > 0
            elif ch >= 0xAD and _invisible(ch):
                continue
            elif ch >= 0x34F and _joiner(ch) and not _keep_joiner(text, i, n):
                continue
            else:
                if space:
                    buf[out] = 32
                    out += 1
                    space = False
                buf[out] = ch
                out += 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, out)
    finally:
        free(buf)


cdef struct Piece:
    # A run of text's marks (its text is in _Walker.texts at the same index).
    bint bold
    int level
    Py_ssize_t link  # index into _Walker.links, -1 outside links
    bint real  # not whitespace only
    bint wordy  # holds a letter or digit


cdef class _Walker:
    """The pure-Python ``_Builder`` and walk of htmlblocks.py, rule for rule.

    Pieces keep their marks in a C array beside a list of their texts, and Blocks and
    Links are made without running their dataclass ``__init__`` (every field is set).
    """

    cdef list blocks, texts, links, link_texts, link_plain, heading, anchor, wrapped, covers
    cdef Piece* pieces
    cdef Py_ssize_t npieces, cap
    cdef int bold, lists
    cdef object Block, Link, hidden, bold_style

    def __cinit__(self):
        self.cap = 64
        self.pieces = <Piece*>malloc(self.cap * sizeof(Piece))
        if self.pieces is NULL:
            raise MemoryError()

    def __dealloc__(self):
        free(self.pieces)

    def __init__(self, Block, Link, hidden, bold_style):
        self.blocks = []
        self.texts = []
        self.npieces = 0
        self.links = []
        self.link_texts = []
        self.link_plain = []
        self.heading = []
        self.anchor = []
        self.wrapped = []
        self.covers = []
        self.bold = 0
        self.lists = 0
        self.Block = Block
        self.Link = Link
        self.hidden = hidden
        self.bold_style = bold_style

    cdef void add(self, str text, bint real) except *:
        cdef int level
        cdef Py_ssize_t link
        cdef bint bold
        cdef Piece* grown
        if self.npieces == 0 and not real:
            return
        level = min(self.heading) if self.heading else 0
        link = self.anchor[-1] if self.anchor else -1
        bold = self.bold > 0 or level > 0
        if self.npieces == self.cap:
            grown = <Piece*>realloc(self.pieces, 2 * self.cap * sizeof(Piece))
            if grown is NULL:
                raise MemoryError()
            self.pieces = grown
            self.cap *= 2
        self.pieces[self.npieces] = Piece(bold, level, link, real, real and _wordy(text))
        self.npieces += 1
        self.texts.append(text)
        if link >= 0:
            (<list>self.link_texts[link]).append(text)
            if not bold and real:
                self.link_plain[link] = True

    cdef void open_link(self, str href, str image_alt) except *:
        link = self.Link.__new__(self.Link)
        link.href = href.strip()
        link.text = image_alt
        link.bold = self.bold > 0 or bool(self.heading)
        link.image_only = False
        self.links.append(link)
        self.link_texts.append([])
        self.link_plain.append(False)
        self.anchor.append(len(self.links) - 1)

    cdef void close_link(self) except *:
        cdef Py_ssize_t index = self.anchor.pop()
        link = self.links[index]
        words = _squash("".join(self.link_texts[index]))
        if words:
            link.text = words
            link.bold = link.bold or not self.link_plain[index]
        else:
            link.image_only = True

    cdef void clear_links(self):
        # New lists, not list.clear(): blocks hold their own copies, and a method call
        # costs more than the allocation.
        self.links = []
        self.link_texts = []
        self.link_plain = []

    cdef void flush(self) except *:
        cdef Py_ssize_t i, first = -1, head_end
        cdef int level = 0
        cdef bint bold = True, all_levels = True, any_real = False
        cdef Piece* p
        if self.npieces == 0:
            if not self.anchor:
                covers = [lk for lk in self.links if lk.image_only and lk.href and lk.text]
                if covers:
                    self.covers = covers
                self.clear_links()
            return
        text = _squash("".join(self.texts))
        if text:
            for i in range(self.npieces):
                p = &self.pieces[i]
                if not p.real:
                    continue
                if not any_real:
                    any_real = True
                    level = p.level
                elif p.level < level:
                    level = p.level
                if p.level == 0:
                    all_levels = False
                if not p.bold:
                    bold = False
                if first < 0 and p.wordy:
                    first = i
            if not (any_real and all_levels):
                level = 0
            lead = None
            if first >= 0 and self.pieces[first].link >= 0:
                lead = self.links[self.pieces[first].link]
            bold_lead = ""
            if not bold and first >= 0:
                # The bold run the block opens with (from its first word: emoji and
                # bullets before it do not count), up to the first plain or linked piece.
                head = []
                for i in range(first, self.npieces):
                    p = &self.pieces[i]
                    if not p.real:
                        continue
                    if not p.bold or p.link >= 0:
                        break
                    head.append(self.texts[i])
                if head:
                    bold_lead = _squash("".join(head))
            links = [lk for lk in self.links if lk.href]
            if not any(not lk.image_only for lk in links):
                # The cover before the title, in a block of its own or in the title's.
                cover = cover_for(text, self.covers + links) if self.covers or links else None
                if cover is not None:  # "Cover of Salt Roads" over "Salt Roads: How …"
                    lead = self.Link.__new__(self.Link)
                    lead.href = cover.href
                    lead.text = text
                    lead.bold = bold
                    lead.image_only = False
                    links = [lead]
            self.covers = []
            block = self.Block.__new__(self.Block)
            block.text = text
            block.links = links
            block.level = level
            block.bold = bold
            block.in_list = self.lists > 0
            block.lead = lead
            block.content = None
            block.bold_lead = bold_lead
            block.list_depth = self.lists
            block.image = False
            self.blocks.append(block)
        self.npieces = 0
        self.texts = []
        for index in self.anchor:
            (<list>self.link_texts[index]).append(" ")
        if not self.anchor:
            self.clear_links()

    cdef bint hidden_el(self, xmlNode* node) except -1:
        cdef xmlAttr* style = _attr(node, b"style")
        if _attr(node, b"hidden") is not NULL:
            return True
        if style is NULL:
            return False
        if not (_has(style, b"none") or _has(style, b"hide") or _has(style, b"max-height")):
            return False
        value = _attr_value(style)
        return bool(value) and self.hidden.search(value) is not None

    cdef bint bold_el(self, xmlNode* node, int kind) except -1:
        if kind & K_BOLD:
            return True
        cdef xmlAttr* style = _attr(node, b"style")
        if style is NULL or not _has(style, b"weight"):
            return False
        value = _attr_value(style)
        return bool(value) and self.bold_style.search(value) is not None

    cdef bint start(self, xmlNode* node) except -1:
        """An element opens; False when its subtree is skipped."""
        cdef int kind = _node_kind(node)
        cdef int level
        cdef xmlAttr* href
        if kind & K_SKIP or self.hidden_el(node):
            return False
        if kind & K_BLOCK:
            if self.npieces or self.links:
                self.flush()
            if kind & K_LIST:
                self.lists += 1
            else:
                level = kind >> K_HEADING_SHIFT
                if level:
                    self.heading.append(level)
                elif _role_heading(node):
                    self.heading.append(_aria_level(node))
        if self.bold_el(node, kind):
            self.bold += 1
        if kind & K_A:
            href = _attr(node, b"href")
            self.open_link(_attr_value(href) if href is not NULL else "", _first_img_alt(node))
        elif kind & K_IMG and not (self.npieces or self.links or self.anchor):
            self.image(node)
        elif kind & K_BR and (self.npieces or self.links):
            self.flush()
        return True

    cdef void image(self, xmlNode* node) except *:
        """htmlblocks._Builder.image: an image's alt text as a block, marked ``image``."""
        cdef xmlAttr* alt = _attr(node, b"alt")
        if alt is NULL:
            return
        text = _squash(_attr_value(alt))
        if not _wordy(text):
            return
        block = self.Block.__new__(self.Block)
        block.text = text
        block.links = []
        block.level = 0
        block.bold = False
        block.in_list = self.lists > 0
        block.lead = None
        block.content = None
        block.bold_lead = ""
        block.list_depth = self.lists
        block.image = True
        self.blocks.append(block)

    cdef void end(self, xmlNode* node) except *:
        cdef int kind = _node_kind(node)
        cdef xmlNode* table
        if kind & K_A and self.anchor:
            table = self.wraps_table(node)
            if table is NULL:
                self.close_link()
            else:
                self.wrapped.append(<size_t>table)
        elif self.wrapped and <size_t>node == <size_t>self.wrapped[-1]:
            self.wrapped.pop()
            if self.anchor:
                self.close_link()
        if self.bold_el(node, kind):
            self.bold -= 1
        if kind & K_BLOCK:
            if ((kind >> K_HEADING_SHIFT) or (not kind & K_LIST and _role_heading(node))) and self.heading:
                self.heading.pop()
            elif kind & K_LIST:
                self.lists -= 1
            if self.npieces or self.links:
                self.flush()

    cdef xmlNode* wraps_table(self, xmlNode* a) except? NULL:
        """htmlblocks._wraps_table: the table an empty link was written around, or NULL."""
        cdef xmlNode* node = a.children
        cdef xmlAttr* href
        while node is not NULL:
            if node.type == ELEMENT_NODE:
                return NULL
            if (node.type == TEXT_NODE or node.type == CDATA_NODE) and _has_words(node):
                return NULL
            node = node.next
        href = _attr(a, b"href")
        if href is NULL or not _attr_value(href):
            return NULL
        node = a.next
        while node is not NULL and (node.type == TEXT_NODE or node.type == CDATA_NODE):
            if _has_words(node):
                return NULL
            node = node.next
        if node is NULL or node.type != ELEMENT_NODE or node.ns is not NULL \
                or node.name is NULL or strcmp(<const char*>node.name, b"table") != 0:
            return NULL
        if self.hidden_el(node):
            return NULL
        return node

    cdef void text_node(self, xmlNode* node) except *:
        cdef const unsigned char* c = node.content
        if c is NULL or c[0] == 0:
            return
        while c[0] == 32 or c[0] == 10 or c[0] == 9 or c[0] == 13 or c[0] == 12 or c[0] == 11:
            c += 1
        if c[0] == 0:
            # Whitespace between tags: dropped before a block's first words; inside a
            # block one space says the same (every join is squashed).
            if self.npieces:
                self.add(" ", False)
            return
        text = _text(<const char*>node.content)
        self.add(text, not _all_space(text))

    cdef void walk(self, xmlNode* root, int budget) except *:
        cdef xmlNode* node = root
        cdef bint done = False
        while True:
            if node.type == ELEMENT_NODE:
                budget -= 1
                if budget < 0:
                    break
                if self.start(node):
                    if node.children is not NULL:
                        node = node.children
                        continue
                    self.end(node)
            elif node.type == TEXT_NODE or node.type == CDATA_NODE:
                self.text_node(node)
            # Next in document order, closing the elements we climb out of.
            while True:
                if node == root:
                    done = True
                    break
                if node.next is not NULL:
                    node = node.next
                    break
                node = node.parent
                self.end(node)
            if done:
                # The root's tail, as lxml's iterwalk gives it.
                node = root.next
                while node is not NULL and (node.type == TEXT_NODE or node.type == CDATA_NODE):
                    self.text_node(node)
                    node = node.next
                break
        self.flush()


cdef bint _has_words(xmlNode* text) except -1:
    """A text node holds more than whitespace (``str.isspace``'s whitespace)."""
    if text.content is NULL or text.content[0] == 0:
        return False
    return not _all_space(_text(<const char*>text.content))


cdef str _first_img_alt(xmlNode* a):
    """The alt text of the first <img> inside the link ("" when none), in document order."""
    cdef xmlNode* node = a.children
    cdef xmlAttr* alt
    while node is not NULL:
        if node.type == ELEMENT_NODE and node.ns is NULL and node.name is not NULL \
                and strcmp(<const char*>node.name, b"img") == 0:
            alt = _attr(node, b"alt")
            return _attr_value(alt) if alt is not NULL else ""
        if node.type == ELEMENT_NODE and node.children is not NULL:
            node = node.children
            continue
        while node is not NULL and node.next is NULL:
            node = node.parent
            if node == a:
                return ""
        if node is NULL:
            return ""
        node = node.next
    return ""


def large_styled(cetree._Element root, large):
    """The elements of ``root``'s document whose ``style`` mentions "font-size" and that
    ``large`` calls large, in document order: what ``htmlblocks.large_styled_python`` finds
    with the XPath ``//@style[contains(., 'font-size')]``, without a Python object for
    every sized attribute (builders size nearly every cell). ``large`` is asked once per
    distinct style."""
    cdef xmlDoc* doc = root._c_node.doc
    cdef xmlNode* node = doc.children
    cdef xmlAttr* a
    cdef xmlNode* child
    cdef bint found_size
    cdef dict judged = {}
    found = []
    while node is not NULL:
        if node.type == ELEMENT_NODE:
            a = node.properties
            while a is not NULL:
                # As XPath reads it: every attribute named style (no namespace), its text
                # containing "font-size" as written (case counts).
                if a.ns is NULL and strcmp(<const char*>a.name, b"style") == 0:
                    child = a.children
                    if child is NULL:
                        found_size = False
                    elif child.next is NULL:
                        found_size = child.content is not NULL and strstr(
                            <const char*>child.content, b"font-size") is not NULL
                    else:  # several text runs (rare): the words they make
                        found_size = "font-size" in _attr_value(a)
                    if found_size:
                        value = _attr_value(a)
                        big = judged.get(value)
                        if big is None:
                            big = judged[value] = large(value)
                        if big:
                            found.append(cetree.elementFactory(root._doc, node))
                a = a.next
            if node.children is not NULL:
                node = node.children
                continue
        # Next in document order, up to the document's last top-level node.
        while node is not NULL and node.next is NULL:
            node = node.parent
            if node == <xmlNode*>doc:
                node = NULL
        if node is not NULL:
            node = node.next
    return found


def walk(cetree._Element root, Block, Link, hidden, bold_style, int max_elements):
    """The blocks of the tree under ``root`` (see ``parsers.htmlblocks.html_blocks``)."""
    walker = _Walker(Block, Link, hidden, bold_style)
    walker.walk(root._c_node, max_elements)
    return walker.blocks
