# scxml/parse.mk: sources and unit tests of this part (see scxml/local.mk).
