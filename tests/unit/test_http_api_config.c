/*
 * serve's [http] group against configs/sipscxml.conf (every documented key
 * loads, at the loader's default once uncommented, bind being the example
 * of where to listen) and its errors: unknown keys, bad values, and a
 * public bind address without a token.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/http_api.h"
#include "tests/unit/sample_config.h"

static void test_sample_is_the_defaults(void **state)
{
	GKeyFile *kf = sample_uncommented();
	http_api_config d, s;
	GError *err = NULL;

	(void)state;
	assert_true(g_key_file_has_key(kf, "http", "max-body", NULL));
	assert_int_equal(http_api_config_load(NULL, &d, &err), 0);
	assert_null(d.bind); /* off unless configured */
	assert_int_equal(http_api_config_load(kf, &s, &err), 0);
	assert_null(err);
	assert_string_equal(s.bind, "127.0.0.1:8080");
	assert_null(s.token);
	assert_null(s.document_root);
	assert_int_equal(s.max_body, d.max_body);
	http_api_config_clear(&s);
	g_key_file_unref(kf);
}

static int load_text(const char *text, http_api_config *c, GError **err)
{
	GKeyFile *kf = g_key_file_new();
	int rc;

	assert_true(g_key_file_load_from_data(kf, text, -1, 0, NULL));
	rc = http_api_config_load(kf, c, err);
	g_key_file_unref(kf);
	return rc;
}

static void expect_error(const char *text, const char *needle)
{
	http_api_config c;
	GError *err = NULL;

	assert_int_equal(load_text(text, &c, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err->message, needle));
	g_error_free(err);
}

static void test_values(void **state)
{
	http_api_config c;
	GError *err = NULL;

	(void)state;
	assert_int_equal(load_text("[http]\nbind = [::1]:9000\nmax-body = 100\n"
				   "document-root = /tmp/../tmp\n",
				   &c, &err),
			 0);
	assert_string_equal(c.bind, "[::1]:9000");
	assert_int_equal(c.max_body, 100);
	assert_non_null(c.document_root);
	assert_null(strstr(c.document_root, "..")); /* the real path */
	http_api_config_clear(&c);
	/* a public address is fine with a token */
	assert_int_equal(
		load_text("[http]\nbind = 0.0.0.0:9000\ntoken = t\n", &c, &err),
		0);
	assert_string_equal(c.token, "t");
	http_api_config_clear(&c);
	assert_int_equal(load_text("[http]\nbind = localhost:9000\n", &c, &err),
			 0);
	http_api_config_clear(&c);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("[http]\nport = 80\n", "[http] port: unknown key");
	expect_error("[http]\nbind = 0.0.0.0:8080\n", "not a loopback");
	expect_error("[http]\nbind = 192.0.2.1:8080\n", "set [http] token");
	expect_error("[http]\nbind = 127.0.0.1\n", "bind");
	expect_error("[http]\nbind = example.org:80\ntoken = t\n",
		     "not an IP address");
	expect_error("[http]\nmax-body = lots\n", "max-body");
	expect_error("[http]\nmax-body = 1\n", "max-body");
	expect_error("[http]\ndocument-root = /no/such/folder\n",
		     "document-root");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_is_the_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
