# Writes OUTPUT: a C++ source defining schemagen::EmbeddedTemplates(), the files of TEMPLATE_DIR
# as raw string literals, so an installed binary needs no template files beside it.
file(GLOB templates RELATIVE ${TEMPLATE_DIR} ${TEMPLATE_DIR}/*.mustache)
list(SORT templates)
set(body "")
foreach(name IN LISTS templates)
  file(READ ${TEMPLATE_DIR}/${name} content)
  string(APPEND body "      {\"${name}\", R\"SGTPL(${content})SGTPL\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from templates/ by cmake/embed_templates.cmake. Do not edit.\n"
"#include \"gen/templates.hpp\"\n\n"
"namespace schemagen {\n\n"
"const std::map<std::string, std::string>& EmbeddedTemplates() {\n"
"  static const std::map<std::string, std::string> kTemplates = {\n"
"${body}"
"  };\n"
"  return kTemplates;\n"
"}\n\n"
"}  // namespace schemagen\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
