// libxml2's streaming reader (xmlTextReader): the XES reader walks a log node by node, so a
// log of any size is read without holding the document. libxml2 opens a gzip file itself.
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
