// libxml2's streaming reader (xmlTextReader): the XES reader walks a log node by node, so a
// log of any size is read without holding the document. libxml2 opens a gzip file itself.
//
// Debian's libxml2 is built with ICU, and its encoding.h then includes the system's ICU headers,
// whose types clash with the copy of ICU inside Foundation in any module that sees both. The
// reader uses no encoding handler (only pointers to one pass through), so ICU is kept out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
