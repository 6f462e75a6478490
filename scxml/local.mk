# scxml/: the interpreter. One library; its parts keep their own fragments.
noinst_LIBRARIES += scxml/libscxml.a
scxml_libscxml_a_SOURCES = \
	include/sipscxml/scxml.h include/sipscxml/scxml_ext.h \
	scxml/scxml_model.h scxml/scxml_datamodel.h scxml/scxml_engine_priv.h \
	scxml/scxml_common.c scxml/scxml_json_text.c
scxml_libscxml_a_CPPFLAGS = $(AM_CPPFLAGS)

# Libraries a program linking libscxml.a needs.
SCXML_LIBS = scxml/libscxml.a $(SOUP_LIBS) $(GLIB_LIBS) $(LIBXML_LIBS) \
	$(JSON_LIBS) -lm

include $(srcdir)/scxml/parse.mk
include $(srcdir)/scxml/interp.mk
include $(srcdir)/scxml/ecma.mk

# The engine object (registry, data model classes) is shared by all parts.
scxml_libscxml_a_SOURCES += scxml/scxml_engine.c
EXTRA_DIST += doc/scxml.md
