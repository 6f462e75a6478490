/*
 * The shipped sample configuration, configs/sipscxml.conf, as the loaders'
 * tests read it: every documented key ("#name = value") uncommented, so a
 * test can check that the sample's values are the loader's defaults.
 */
#ifndef SAMPLE_CONFIG_H
#define SAMPLE_CONFIG_H

#include <glib.h>

/* The sample with its keys uncommented (the file is found below
 * $top_srcdir, else "."); fails the running cmocka test when it cannot be
 * read or parsed. The caller frees it with g_key_file_free. */
GKeyFile *sample_uncommented(void);

#endif
