# scxml/interp.mk: the interpreter — sessions, the W3C algorithm,
# executable content, the SCXML I/O processor, invoke, extension elements at
# run time, the null data model (see scxml/local.mk).
scxml_libscxml_a_SOURCES += \
	scxml/scxml_session_priv.h \
	scxml/scxml_session.c \
	scxml/scxml_algorithm.c \
	scxml/scxml_exec.c \
	scxml/scxml_send.c \
	scxml/scxml_invoke.c \
	scxml/scxml_action.c \
	scxml/scxml_dm_null.c
