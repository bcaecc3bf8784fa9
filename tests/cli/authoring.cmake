# Command-line tests of the rule-authoring commands: check, graph, test and explain. Included from
# tests/CMakeLists.txt, after caseflow_cli_status() and EXAMPLE_CASE are defined.
set(AUTHORING_DIR ${CMAKE_CURRENT_SOURCE_DIR}/cli)
set(RULES_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/rules)

# caseflow check: the built-in files pass, even under --strict; the small example passes.
add_test(NAME cli.check_builtins_clean COMMAND caseflow_cli check --strict dk dk-2008 ${PROJECT_SOURCE_DIR}/rulesets/dk.yaml)
set_tests_properties(cli.check_builtins_clean PROPERTIES PASS_REGULAR_EXPRESSION
  "rulesets/dk.yaml: ok\nrulesets/dk-2008.yaml: ok\n.*rulesets/dk.yaml: ok")
caseflow_cli_status(cli.check_builtins_status 0 check --strict dk dk-2008)
caseflow_cli_status(cli.check_good_file 0 check --strict ${RULES_TESTS}/good/appointment.yaml)
# Each file of the graph corpus: its exit status (`# check: N`, and `# strict: N` under --strict)
# and its first expected finding, printed as FILE:LINE:COL: severity: message [check].
file(GLOB AUTHORING_GRAPH_FILES CONFIGURE_DEPENDS ${RULES_TESTS}/graph/*.yaml)
foreach(file IN LISTS AUTHORING_GRAPH_FILES)
  get_filename_component(name ${file} NAME_WE)
  file(STRINGS ${file} check_line REGEX "^# check: [0-9]")
  string(REGEX REPLACE "^# check: ([0-9]).*" "\\1" status "${check_line}")
  caseflow_cli_status(cli.check.${name}.status ${status} check ${file})
  file(STRINGS ${file} strict_line REGEX "^# strict: [0-9]")
  if(strict_line)
    string(REGEX REPLACE "^# strict: ([0-9]).*" "\\1" strict "${strict_line}")
    caseflow_cli_status(cli.check.${name}.strict_status ${strict} check --strict ${file})
  endif()
  file(STRINGS ${file} expect_lines REGEX "^# expect: ")
  list(GET expect_lines 0 first)
  string(REGEX REPLACE "^# expect: ([0-9]+:[0-9]+: [a-z]+: [^'(]*).*" "\\1" first "${first}")
  add_test(NAME cli.check.${name}.message COMMAND caseflow_cli check ${file})
  set_tests_properties(cli.check.${name}.message PROPERTIES PASS_REGULAR_EXPRESSION "${name}.yaml:${first}")
endforeach()
# Schema errors and unknown targets come from the loader, in the same format, with exit status 2.
add_test(NAME cli.check_yaml_error COMMAND caseflow_cli check ${RULES_TESTS}/bad/yaml_syntax.yaml)
set_tests_properties(cli.check_yaml_error PROPERTIES PASS_REGULAR_EXPRESSION
  "bad/yaml_syntax.yaml:4:7: error: end of sequence flow not found\n.*1 error, 0 warnings")
caseflow_cli_status(cli.check_yaml_error_status 2 check ${RULES_TESTS}/bad/yaml_syntax.yaml)
add_test(NAME cli.check_unknown_target COMMAND caseflow_cli check ${RULES_TESTS}/bad/unknown_target_state.yaml)
set_tests_properties(cli.check_unknown_target PROPERTIES PASS_REGULAR_EXPRESSION
  "bad/unknown_target_state.yaml:70:9: error: unknown state 'open.nowhere'")
caseflow_cli_status(cli.check_unknown_target_status 2 check ${RULES_TESTS}/bad/unknown_target_state.yaml)
caseflow_cli_status(cli.check_one_bad_file_among_good 2 check dk ${RULES_TESTS}/graph/dead_end.yaml dk-2008)
caseflow_cli_status(cli.check_missing_file 2 check /no/such/rules.yaml)
caseflow_cli_status(cli.check_no_file 1 check)

# caseflow graph: DOT with clusters and dashed timer edges labelled with their date rule.
add_test(NAME cli.graph_dot COMMAND caseflow_cli graph dk)
set_tests_properties(cli.graph_dot PROPERTIES PASS_REGULAR_EXPRESSION
  "digraph \"dk\".*subgraph \"cluster_sickness_benefit\".*timer reassessment_point.*style=dashed.*SDL § 24, stk. 1")
caseflow_cli_status(cli.graph_dot_status 0 graph ${PROJECT_SOURCE_DIR}/rulesets/dk-2008.yaml)
caseflow_cli_status(cli.graph_bad_format 1 graph dk --format png)
# Every version of dk draws (docs/law.md); from 2026-07 the case awaits the municipality's decision,
# and the rules that version abolished (a guard that is always false) are not drawn.
foreach(version IN ITEMS 2014 2018 2020 2022 2025 2026-02 2026-07)
  caseflow_cli_status(cli.graph_dk_version_${version} 0 graph dk --version ${version})
endforeach()
add_test(NAME cli.graph_dk_2026_07 COMMAND caseflow_cli graph dk --version 2026-07)
set_tests_properties(cli.graph_dk_2026_07 PROPERTIES PASS_REGULAR_EXPRESSION "awaiting_decision"
  FAIL_REGULAR_EXPRESSION "label=\"referred_to_rehabilitation_team\"")
add_test(NAME cli.graph_dk_2026_07_title COMMAND caseflow_cli graph dk --version 2026-07)
set_tests_properties(cli.graph_dk_2026_07_title PROPERTIES PASS_REGULAR_EXPRESSION
  "nversion 2026-07 from 2026-07-01: [^\"]*lov nr\\. 1750 af 29\\. december 2025 \\(second step\\)")
add_test(NAME cli.graph_dk_2025_has_the_team COMMAND caseflow_cli graph dk --version 2025)
set_tests_properties(cli.graph_dk_2025_has_the_team PROPERTIES PASS_REGULAR_EXPRESSION "label=\"referred_to_rehabilitation_team\"")
caseflow_cli_status(cli.graph_dk_unknown_version 2 graph dk --version 2027)
# A version's doc and act are the title's second line; a version that says neither adds none.
add_test(NAME cli.graph_version_title COMMAND caseflow_cli graph ${RULES_TESTS}/good/versions.yaml --version 2022)
set_tests_properties(cli.graph_version_title PROPERTIES PASS_REGULAR_EXPRESSION
  "label=\"[^\"]*\\\\nversion 2022 from 2022-01-01: courses of at most 3 years \\(Course Act as amended on 1 January 2022\\)\"")
add_test(NAME cli.graph_version_title_none COMMAND caseflow_cli graph ${RULES_TESTS}/good/versions.yaml --version 2020)
set_tests_properties(cli.graph_version_title_none PROPERTIES FAIL_REGULAR_EXPRESSION "nversion")
caseflow_cli_status(cli.graph_bad_rules 2 graph ${RULES_TESTS}/bad/yaml_syntax.yaml)
add_test(NAME cli.graph_out_file
  COMMAND sh -c "\"$0\" graph dk --out \"$1\" && grep -q 'digraph \"dk\"' \"$1\""
          $<TARGET_FILE:caseflow_cli> ${CMAKE_CURRENT_BINARY_DIR}/graph_dk.dot)
# Without Graphviz's dot on PATH, --format svg says what to install.
add_test(NAME cli.graph_svg_without_dot
  COMMAND sh -c "PATH=/nonexistent \"$0\" graph dk --format svg; test $? -eq 2" $<TARGET_FILE:caseflow_cli>)
add_test(NAME cli.graph_svg_without_dot_message
  COMMAND sh -c "PATH=/nonexistent \"$0\" graph dk --format svg 2>&1" $<TARGET_FILE:caseflow_cli>)
set_tests_properties(cli.graph_svg_without_dot_message PROPERTIES PASS_REGULAR_EXPRESSION "apt-get install graphviz")
find_program(CASEFLOW_DOT dot)
if(CASEFLOW_DOT)
  # `caseflow graph rulesets/dk.yaml --format dot | dot -Tsvg` renders, for both built-in rule-sets.
  foreach(rs IN ITEMS dk dk-2008)
    add_test(NAME cli.graph_${rs}_renders_with_dot
      COMMAND sh -c "\"$0\" graph \"$1\" --format dot > \"$2.dot\" && \"$3\" -Tsvg \"$2.dot\" > \"$2.svg\" && grep -q '<svg' \"$2.svg\""
              $<TARGET_FILE:caseflow_cli> ${PROJECT_SOURCE_DIR}/rulesets/${rs}.yaml ${CMAKE_CURRENT_BINARY_DIR}/graph_${rs}
              ${CASEFLOW_DOT})
  endforeach()
  add_test(NAME cli.graph_svg COMMAND caseflow_cli graph dk-2008 --format svg)
  set_tests_properties(cli.graph_svg PROPERTIES PASS_REGULAR_EXPRESSION "<svg.*reassessment")
endif()

# caseflow test: a wrong expectation fails with a diff, the corrected scenario passes.
add_test(NAME cli.test_passes COMMAND caseflow_cli test ${AUTHORING_DIR}/scenarios/employee_2025.yaml)
set_tests_properties(cli.test_passes PROPERTIES PASS_REGULAR_EXPRESSION
  "ok    .*employee_2025.yaml \\(1 case, 2 dates\\)\n1 scenarios: 1 passed, 0 failed")
caseflow_cli_status(cli.test_passes_status 0 test ${AUTHORING_DIR}/scenarios)
add_test(NAME cli.test_wrong_expectation_diff COMMAND caseflow_cli test ${AUTHORING_DIR}/bad-scenarios/employee_2025_wrong.yaml)
set_tests_properties(cli.test_wrong_expectation_diff PROPERTIES PASS_REGULAR_EXPRESSION
  "FAIL  .*employee_2025_wrong.yaml\n  as of 2025-08-01, case A, obligations \\(- expected, \\+ actual\\):\n      {name: first_followup, status: met}\n    - {name: reassessment_decision, due: 2025-07-30, status: overdue}\n    \\+ {name: reassessment_decision, due: 2025-07-31, status: overdue}\n")
caseflow_cli_status(cli.test_wrong_expectation_status 1 test ${AUTHORING_DIR}/bad-scenarios/employee_2025_wrong.yaml)
add_test(NAME cli.test_misspelt_key COMMAND caseflow_cli test ${AUTHORING_DIR}/bad-scenarios/misspelt_key.yaml)
set_tests_properties(cli.test_misspelt_key PROPERTIES PASS_REGULAR_EXPRESSION
  "misspelt_key.yaml:6:1: unknown key 'expected' in a scenario")
caseflow_cli_status(cli.test_misspelt_key_status 2 test ${AUTHORING_DIR}/bad-scenarios/misspelt_key.yaml)
caseflow_cli_status(cli.test_unknown_ruleset_status 2 test ${AUTHORING_DIR}/bad-scenarios/unknown_ruleset.yaml)
caseflow_cli_status(cli.test_missing_path 2 test /no/such/scenarios)
caseflow_cli_status(cli.test_no_path 1 test)
add_test(NAME cli.test_print_events COMMAND caseflow_cli test --print-events ${AUTHORING_DIR}/scenarios/employee_2025.yaml)
set_tests_properties(cli.test_print_events PROPERTIES PASS_REGULAR_EXPRESSION
  "^{\"case\": \"A\", \"date\": \"2025-01-06\", \"event\": \"sick_listed\", \"employment\": \"employee\"}\n")
add_test(NAME cli.test_all_law_scenarios COMMAND caseflow_cli test --explain ${CMAKE_CURRENT_SOURCE_DIR}/scenarios)
set_tests_properties(cli.test_all_law_scenarios PROPERTIES PASS_REGULAR_EXPRESSION "scenarios: [0-9]+ passed, 0 failed\n$")

# caseflow explain: the arithmetic of DOMAIN.md §2's example, step by step, with the legal reference.
add_test(NAME cli.explain_point_2025
  COMMAND caseflow_cli explain --rules dk --events ${AUTHORING_DIR}/data/employee_2025.jsonl --case A --date 2025-08-01)
set_tests_properties(cli.explain_point_2025 PROPERTIES PASS_REGULAR_EXPRESSION
  "sickness_benefit.reassessment.*because timer reassessment_point was due that day.*the point reassessment_point is 31 Jul 2025 \\[SDL § 24, stk. 1\\].*counting from 5 Feb 2025, the 155th counted day within the 9 calendar months Nov 2024 – Jul 2025 is 9 Jul 2025.*the month of 9 Jul 2025 ends 31 Jul 2025.*first_followup: due 2 Mar 2025, met on 20 Feb 2025")
add_test(NAME cli.explain_example_case
  COMMAND caseflow_cli explain --rules dk --events ${EXAMPLE_CASE} --case E2 --date 2018-09-01)
set_tests_properties(cli.explain_example_case PROPERTIES PASS_REGULAR_EXPRESSION
  "as of 1 Sep 2018: job_clarification.*the later of 1 Aug 2018 and 11 Jul 2018 is 1 Aug 2018.*rehabilitation_team_meeting: due 29 Aug 2018, overdue.*1 Aug 2018 \\(the day it arose\\) \\+ 28 days \\(team_meeting_days.*= 29 Aug 2018.*job_clarification_end on 31 Jul 2020")
caseflow_cli_status(cli.explain_status 0 explain --rules dk --events ${EXAMPLE_CASE} --case E2)
caseflow_cli_status(cli.explain_unknown_case 2 explain --rules dk --events ${EXAMPLE_CASE} --case NOBODY)
caseflow_cli_status(cli.explain_bad_date 2 explain --rules dk --events ${EXAMPLE_CASE} --case E2 --date 2018-02-30)
caseflow_cli_status(cli.explain_missing_case_option 1 explain --rules dk --events ${EXAMPLE_CASE})
caseflow_cli_status(cli.explain_missing_events 2 explain --rules dk --events /no/such/file.jsonl --case E2)
# A variable's value is explained by the rule that set it, from the event's fields.
add_test(NAME cli.explain_variable_from_its_rule
  COMMAND caseflow_cli explain --rules dk --events ${AUTHORING_DIR}/data/extension_2018.jsonl --case N2 --date 2018-09-01)
set_tests_properties(cli.explain_variable_from_its_rule PROPERTIES PASS_REGULAR_EXPRESSION
  "extension_end on 26 Nov 2019.*extension_last_day is 26 Nov 2019: set by rule extension_work_capacity on 6 Aug 2018 \\[SDL § 27, stk. 1, nr. 2\\].*a period of 69 weeks \\(work_capacity_clarification_weeks, SDL § 27, stk. 1, nr. 2\\) from 31 Jul 2018 \\(the point reassessment_point\\) ends 26 Nov 2019 \\(31 Jul 2018 \\+ 483 days\\).*field until is not given, so 26 Nov 2019 is used")
# A rule file with versions: every version is checked; graph draws the one asked for; explain and
# test use the version that gave each date.
caseflow_cli_status(cli.check_versions_clean 0 check --strict ${RULES_TESTS}/good/versions.yaml)
add_test(NAME cli.graph_version COMMAND caseflow_cli graph ${RULES_TESTS}/good/versions.yaml --version 2022)
set_tests_properties(cli.graph_version PROPERTIES PASS_REGULAR_EXPRESSION "digraph \"course\"")
caseflow_cli_status(cli.graph_unknown_version 2 graph ${RULES_TESTS}/good/versions.yaml --version 2030)
add_test(NAME cli.test_versions COMMAND caseflow_cli test --explain ${AUTHORING_DIR}/scenarios/versions.yaml)
set_tests_properties(cli.test_versions PROPERTIES PASS_REGULAR_EXPRESSION "ok    .*versions.yaml")
# While the former JSON form of the law scenarios is kept (tests/scenarios/README.md), each .jsonl
# must be exactly the events its YAML scenario gives.
file(GLOB AUTHORING_LAW_YAML CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/*/*.yaml)
foreach(scenario IN LISTS AUTHORING_LAW_YAML)
  string(REGEX REPLACE "\\.yaml$" ".jsonl" legacy ${scenario})
  if(EXISTS ${legacy})
    get_filename_component(dir ${scenario} DIRECTORY)
    get_filename_component(ruleset ${dir} NAME)
    get_filename_component(name ${scenario} NAME_WE)
    add_test(NAME law.legacy.${ruleset}.${name}
      COMMAND sh -c "\"$0\" test --print-events \"$1\" | cmp - \"$2\"" $<TARGET_FILE:caseflow_cli> ${scenario} ${legacy})
  endif()
endforeach()
