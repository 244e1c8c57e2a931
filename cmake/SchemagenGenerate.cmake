# schemagen_generate(TARGET <name> SCHEMA <file.dsl> OUTPUT_DIR <dir>
#                    [SEQUELIZE 5|6] [DOC_LANG pt|en] [TEMPLATES <dir>] [TIMESTAMP <ts>])
#
# Adds a custom target <name> that runs schemagen on SCHEMA into OUTPUT_DIR whenever the schema,
# a file it imports, or a template override changes, and only then:
# - the rule's output is a stamp file; the generated files are its BYPRODUCTS, listed at
#   configure time with `schemagen --list-outputs`;
# - schemagen writes a depfile naming every input it read, so editing an imported file reruns
#   it (DEPFILE; Makefile and Ninja generators);
# - schemagen rewrites only files whose content changed, so targets depending on one generated
#   file rebuild only when that file changes.
# The schema files are also configure dependencies, so adding an entity (a new output file)
# refreshes the BYPRODUCTS list.
function(schemagen_generate)
  cmake_parse_arguments(SG "" "TARGET;SCHEMA;OUTPUT_DIR;SEQUELIZE;DOC_LANG;TEMPLATES;TIMESTAMP" "" ${ARGN})
  foreach(required TARGET SCHEMA OUTPUT_DIR)
    if(NOT SG_${required})
      message(FATAL_ERROR "schemagen_generate: ${required} is required")
    endif()
  endforeach()
  get_filename_component(schema "${SG_SCHEMA}" ABSOLUTE)
  get_filename_component(output_dir "${SG_OUTPUT_DIR}" ABSOLUTE)
  set(options)
  if(SG_SEQUELIZE)
    list(APPEND options --sequelize ${SG_SEQUELIZE})
  endif()
  if(SG_DOC_LANG)
    list(APPEND options --doc-lang ${SG_DOC_LANG})
  endif()
  if(SG_TEMPLATES)
    get_filename_component(templates "${SG_TEMPLATES}" ABSOLUTE)
    list(APPEND options --templates ${templates})
  endif()
  if(SG_TIMESTAMP)
    list(APPEND options --timestamp ${SG_TIMESTAMP})
  endif()

  set(schemagen_exe "$<TARGET_FILE:schemagen::schemagen>")
  get_target_property(schemagen_location schemagen::schemagen LOCATION)
  execute_process(
    COMMAND "${schemagen_location}" "${schema}" -o "${output_dir}" ${options} --list-outputs
            --list-inputs
    OUTPUT_VARIABLE listing
    ERROR_VARIABLE errors
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "schemagen_generate: schemagen could not read ${schema}:\n${errors}")
  endif()
  string(REPLACE "\n" ";" lines "${listing}")
  set(outputs)
  foreach(line IN LISTS lines)
    if(line MATCHES "^output (.+)$")
      list(APPEND outputs "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^input (.+)$")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_MATCH_1}")
    endif()
  endforeach()

  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${SG_TARGET}.schemagen.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${outputs}
    COMMAND "${schemagen_exe}" "${schema}" -o "${output_dir}" ${options} -q
            --depfile "${stamp}.d" --depfile-target "${stamp}"
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS "${schema}" schemagen::schemagen
    DEPFILE "${stamp}.d"
    COMMENT "schemagen ${SG_SCHEMA}"
    VERBATIM)
  add_custom_target(${SG_TARGET} ALL DEPENDS "${stamp}")
  set_property(TARGET ${SG_TARGET} PROPERTY SCHEMAGEN_OUTPUTS ${outputs})
endfunction()
