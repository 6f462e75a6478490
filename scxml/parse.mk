# scxml/parse.mk: the parser — libxml2 → the immutable model, validation,
# document life (see scxml/local.mk).
scxml_libscxml_a_SOURCES += \
	scxml/scxml_parse_priv.h \
	scxml/scxml_parse.c \
	scxml/scxml_parse_exec.c \
	scxml/scxml_validate.c \
	scxml/scxml_doc.c
