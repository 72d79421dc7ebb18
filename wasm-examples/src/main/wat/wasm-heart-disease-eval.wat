;; wasm-heart-disease-eval: the heart-disease-eval risk score as a WASM module. Every input
;; "Data: <14 integers>" is answered with "You have a N% risk of heart disease", computed with the
;; same weights, terms, order and double arithmetic as the Java workload, so the answers agree.
;; Unlike the Java workload it keeps no state, so it offers no running average ("Data:" alone is a
;; format error).
(module
  (import "camelot" "input_count" (func $input_count (result i32)))
  (import "camelot" "input_size" (func $input_size (param i32) (result i32)))
  (import "camelot" "input_read" (func $input_read (param i32 i32) (result i32)))
  (import "camelot" "output" (func $output (param i32 i32)))
  (memory (export "memory") 1)
  ;; Layout: messages at 0..255, the 14 values (i32) at 1024, the answer at 2048, the input at 4096.
  (data (i32.const 0) "Error with missing or incorrect input format")
  (data (i32.const 64) "Invalid data found in input data")
  (data (i32.const 128) "You have a ")
  (data (i32.const 160) "% risk of heart disease")
  (global $values i32 (i32.const 1024))
  (global $answer i32 (i32.const 2048))
  (global $input i32 (i32.const 4096))

  (func $ensure (param $end i32)
    (local $pages i32)
    (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then (drop (memory.grow (i32.sub (local.get $pages) (memory.size)))))))

  (func $is_space (param $c i32) (result i32)
    (i32.or (i32.eq (local.get $c) (i32.const 32))
            (i32.and (i32.ge_u (local.get $c) (i32.const 9)) (i32.le_u (local.get $c) (i32.const 13)))))

  (func $is_digit (param $c i32) (result i32)
    (i32.and (i32.ge_u (local.get $c) (i32.const 48)) (i32.le_u (local.get $c) (i32.const 57))))

  ;; Parses the text at [$p, $end) into the 14 values: 0 on success, 1 format error, 2 invalid data.
  (func $parse (param $p i32) (param $end i32) (result i32)
    (local $count i32) (local $in_token i32) (local $q i32) (local $c i32)
    (local $negative i32) (local $digits i32) (local $n i64)
    ;; Skip to just after the first ':'.
    (block $found
      (loop $seek
        (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const 1))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $found (i32.eq (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 58)))
        (br $seek)))
    ;; Pass 1: count whitespace-separated tokens.
    (local.set $q (local.get $p))
    (block $counted
      (loop $scan
        (br_if $counted (i32.ge_u (local.get $q) (local.get $end)))
        (if (call $is_space (i32.load8_u (local.get $q)))
          (then (local.set $in_token (i32.const 0)))
          (else
            (if (i32.eqz (local.get $in_token))
              (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (local.set $in_token (i32.const 1))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $scan)))
    (if (i32.ne (local.get $count) (i32.const 14)) (then (return (i32.const 1))))
    ;; Pass 2: each token must be [+-]?[0-9]+ within the int range.
    (local.set $count (i32.const 0))
    (block $parsed
      (loop $token
        (loop $skip
          (if (i32.lt_u (local.get $p) (local.get $end))
            (then (if (call $is_space (i32.load8_u (local.get $p)))
              (then (local.set $p (i32.add (local.get $p) (i32.const 1))) (br $skip))))))
        (br_if $parsed (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $negative (i32.const 0))
        (local.set $digits (i32.const 0))
        (local.set $n (i64.const 0))
        (local.set $c (i32.load8_u (local.get $p)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
          (then
            (local.set $negative (i32.eq (local.get $c) (i32.const 45)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))))
        (block $end_token
          (loop $digit
            (br_if $end_token (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $end_token (call $is_space (local.get $c)))
            (if (i32.eqz (call $is_digit (local.get $c))) (then (return (i32.const 2))))
            (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 10))
                                   (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
            ;; Beyond 2^31 the value cannot be an int whatever the sign.
            (if (i64.gt_u (local.get $n) (i64.const 2147483648)) (then (return (i32.const 2))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $digit)))
        (if (i32.eqz (local.get $digits)) (then (return (i32.const 2))))
        (if (local.get $negative) (then (local.set $n (i64.sub (i64.const 0) (local.get $n)))))
        (if (i64.gt_s (local.get $n) (i64.const 2147483647)) (then (return (i32.const 2))))
        (i32.store (i32.add (global.get $values) (i32.shl (local.get $count) (i32.const 2)))
                   (i32.wrap_i64 (local.get $n)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $token)))
    (i32.const 0))

  (func $v (param $i i32) (result f64)
    (f64.convert_i32_s (i32.load (i32.add (global.get $values) (i32.shl (local.get $i) (i32.const 2))))))

  (func $vi (param $i i32) (result i32)
    (i32.load (i32.add (global.get $values) (i32.shl (local.get $i) (i32.const 2)))))

  ;; 100 below $optimum, falling linearly to 0 at $max.
  (func $declining (param $max f64) (param $optimum f64) (param $value f64) (result f64)
    (if (result f64) (f64.lt (local.get $value) (local.get $optimum))
      (then (f64.const 100))
      (else
        (if (result f64) (f64.lt (local.get $value) (local.get $max))
          (then (f64.div (f64.mul (f64.const 100) (f64.sub (local.get $max) (local.get $value)))
                         (f64.sub (local.get $max) (local.get $optimum))))
          (else (f64.const 0))))))

  ;; 100 at $optimum, falling linearly to 0 at a distance of $max - $optimum.
  (func $peaked (param $max f64) (param $optimum f64) (param $value f64) (result f64)
    (local $distance f64)
    (local.set $distance (f64.abs (f64.sub (local.get $value) (local.get $optimum))))
    (if (result f64) (f64.lt (local.get $distance) (f64.sub (local.get $max) (local.get $optimum)))
      (then (f64.sub (f64.const 100)
                     (f64.div (f64.mul (f64.const 100) (local.get $distance))
                              (f64.sub (local.get $max) (local.get $optimum)))))
      (else (f64.const 0))))

  (func $chest_pain (param $x i32) (result f64)
    (if (result f64) (i32.eq (local.get $x) (i32.const 1)) (then (f64.const 0))
      (else (if (result f64) (i32.eq (local.get $x) (i32.const 2)) (then (f64.const 12))
        (else (if (result f64) (i32.eq (local.get $x) (i32.const 3)) (then (f64.const 35))
          (else (f64.const 100))))))))

  (func $resting_ecg (param $x i32) (result f64)
    (if (result f64) (i32.eq (local.get $x) (i32.const 1)) (then (f64.const 9))
      (else (if (result f64) (i32.eq (local.get $x) (i32.const 2)) (then (f64.const 7))
        (else (f64.const 100))))))

  (func $st_slope (param $x i32) (result f64)
    (if (result f64) (i32.eq (local.get $x) (i32.const 0)) (then (f64.const 49))
      (else (if (result f64) (i32.eq (local.get $x) (i32.const 1)) (then (f64.const 100))
        (else (f64.const 63))))))

  (func $major_vessels (param $x i32) (result f64)
    (if (result f64) (i32.eq (local.get $x) (i32.const 0)) (then (f64.const 0))
      (else (if (result f64) (i32.eq (local.get $x) (i32.const 1)) (then (f64.const 35))
        (else (if (result f64) (i32.eq (local.get $x) (i32.const 2)) (then (f64.const 70))
          (else (f64.const 100))))))))

  (func $thallium (param $x i32) (result f64)
    (if (result f64) (i32.ge_s (local.get $x) (i32.const 8)) (then (f64.const 100))
      (else (if (result f64) (i32.ge_s (local.get $x) (i32.const 6)) (then (f64.const 79))
        (else (if (result f64) (i32.ge_s (local.get $x) (i32.const 3)) (then (f64.const 45))
          (else (f64.const 0))))))))

  (func $flag (param $x i32) (param $is i32) (param $score_if f64) (param $score_else f64) (result f64)
    (if (result f64) (i32.eq (local.get $x) (local.get $is)) (then (local.get $score_if)) (else (local.get $score_else))))

  ;; The weighted health score, summed left to right in the Java workload's order.
  (func $health (result f64)
    (local $sum f64)
    (local.set $sum (f64.mul (call $declining (f64.const 100) (f64.const 18) (call $v (i32.const 0))) (f64.const 0.03)))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $flag (call $vi (i32.const 1)) (i32.const 0) (f64.const 100) (f64.const 0)) (f64.const 0.01))))
    (local.set $sum (f64.add (local.get $sum) (f64.mul (call $chest_pain (call $vi (i32.const 2))) (f64.const 0.21))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $declining (f64.const 218) (f64.const 108) (call $v (i32.const 3))) (f64.const 0.05))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $declining (f64.const 309) (f64.const 126) (call $v (i32.const 4))) (f64.const 0.05))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $declining (f64.const 248) (f64.const 98) (call $v (i32.const 5))) (f64.const 0.04))))
    (local.set $sum (f64.add (local.get $sum) (f64.mul (call $resting_ecg (call $vi (i32.const 6))) (f64.const 0.19))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $peaked (f64.const 198) (f64.const 61) (call $v (i32.const 7))) (f64.const 0.06))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $flag (call $vi (i32.const 8)) (i32.const 1) (f64.const 0) (f64.const 100)) (f64.const 0.18))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $declining (f64.const 100) (f64.const 0) (call $v (i32.const 9))) (f64.const 0.05))))
    (local.set $sum (f64.add (local.get $sum) (f64.mul (call $st_slope (call $vi (i32.const 10))) (f64.const 0.03))))
    (local.set $sum (f64.add (local.get $sum) (f64.mul (call $major_vessels (call $vi (i32.const 11))) (f64.const 0.04))))
    (local.set $sum (f64.add (local.get $sum) (f64.mul (call $thallium (call $vi (i32.const 12))) (f64.const 0.02))))
    (local.set $sum (f64.add (local.get $sum)
      (f64.mul (call $flag (call $vi (i32.const 13)) (i32.const 0) (f64.const 100) (f64.const 0)) (f64.const 0.04))))
    (local.get $sum))

  ;; Writes "You have a N% risk of heart disease" at $answer; returns its length.
  (func $answer_risk (param $risk i32) (result i32)
    (local $p i32) (local $digits i32) (local $x i32) (local $i i32)
    (memory.copy (global.get $answer) (i32.const 128) (i32.const 11))
    (local.set $p (i32.add (global.get $answer) (i32.const 11)))
    (if (i32.lt_s (local.get $risk) (i32.const 0))
      (then
        (i32.store8 (local.get $p) (i32.const 45))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $risk (i32.sub (i32.const 0) (local.get $risk)))))
    ;; Count the digits, then write them from the last.
    (local.set $x (local.get $risk))
    (loop $count
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $x (i32.div_u (local.get $x) (i32.const 10)))
      (br_if $count (i32.ne (local.get $x) (i32.const 0))))
    (local.set $x (local.get $risk))
    (local.set $i (local.get $digits))
    (loop $write
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
                  (i32.add (i32.const 48) (i32.rem_u (local.get $x) (i32.const 10))))
      (local.set $x (i32.div_u (local.get $x) (i32.const 10)))
      (br_if $write (i32.ne (local.get $i) (i32.const 0))))
    (local.set $p (i32.add (local.get $p) (local.get $digits)))
    (memory.copy (local.get $p) (i32.const 160) (i32.const 23))
    (i32.sub (i32.add (local.get $p) (i32.const 23)) (global.get $answer)))

  (func (export "run")
    (local $i i32) (local $n i32) (local $size i32) (local $status i32)
    (local.set $n (call $input_count))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $size (call $input_size (local.get $i)))
        (call $ensure (i32.add (global.get $input) (local.get $size)))
        (drop (call $input_read (local.get $i) (global.get $input)))
        (local.set $status
          (call $parse (global.get $input) (i32.add (global.get $input) (local.get $size))))
        (if (i32.eq (local.get $status) (i32.const 1))
          (then (call $output (i32.const 0) (i32.const 44)))
          (else (if (i32.eq (local.get $status) (i32.const 2))
            (then (call $output (i32.const 64) (i32.const 32)))
            (else
              (call $output (global.get $answer)
                (call $answer_risk (i32.sub (i32.const 100) (i32.trunc_f64_s (call $health)))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))))
