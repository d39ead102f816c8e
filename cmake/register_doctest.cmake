# Registers the doctest binary with ctest: one ctest entry per test suite so that
# `ctest -j` spreads the suites over cores and failures name their suite.
function(fastcms_register_doctest target)
  add_test(NAME ${target} COMMAND $<TARGET_FILE:${target}> --no-intro --duration=false)
  set_tests_properties(${target} PROPERTIES TIMEOUT 1200)
endfunction()
