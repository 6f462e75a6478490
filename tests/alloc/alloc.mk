# tests/alloc/alloc.mk: allocation failures injected where the code must
# survive them (Duktape's heap under a byte budget, libxml2's allocator
# failing its n-th call), each run in a child process; see
# tests/alloc/test_alloc_fail.c.
check_PROGRAMS += tests/alloc/test_alloc_fail
TESTS += tests/alloc/test_alloc_fail
tests_alloc_test_alloc_fail_SOURCES = tests/alloc/test_alloc_fail.c
tests_alloc_test_alloc_fail_LDADD = $(SCXML_LIBS)
