;; A module that declares a table of a million elements, which it would get at instantiation.
(module
  (memory (export "memory") 1)
  (table 1000000 funcref)
  (func (export "run")))
