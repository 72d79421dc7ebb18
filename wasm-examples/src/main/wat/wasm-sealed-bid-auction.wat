;; wasm-sealed-bid-auction: a sealed-bid second-price (Vickrey) auction. Each input is one bid,
;; "<bidder>:<whole amount>", typically sent by each bidder encrypted under their own data key, so
;; no bidder (nor the operator) sees another's bid; only the worker does. The single output is
;; "winner <bidder> pays <second-highest amount>". Ties go to the earlier input.
(module
  (import "camelot" "input_count" (func $input_count (result i32)))
  (import "camelot" "input_size" (func $input_size (param i32) (result i32)))
  (import "camelot" "input_read" (func $input_read (param i32 i32) (result i32)))
  (import "camelot" "output" (func $output (param i32 i32)))
  (import "camelot" "fail" (func $fail (param i32 i32)))
  (memory (export "memory") 1)
  ;; Layout: messages at 0..255, the answer at 1024, the current bid at 4096.
  (data (i32.const 0) "every bid must be <bidder>:<whole amount>, the bidder at most 256 bytes")
  (data (i32.const 128) "an auction needs at least two bids")
  (data (i32.const 192) "winner ")
  (data (i32.const 208) " pays ")
  (global $answer i32 (i32.const 1024))
  (global $bid i32 (i32.const 4096))
  ;; Set by $parse: the length of the bidder label at $bid.
  (global $label_length (mut i32) (i32.const 0))

  (func $ensure (param $end i32)
    (local $pages i32)
    (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then (drop (memory.grow (i32.sub (local.get $pages) (memory.size)))))))

  ;; Reads input $i to $bid and parses it; fails the work order if it is not a bid.
  (func $read_bid (param $i i32) (result i64)
    (local $size i32) (local $p i32) (local $end i32) (local $c i32) (local $amount i64)
    (local.set $size (call $input_size (local.get $i)))
    (call $ensure (i32.add (global.get $bid) (local.get $size)))
    (drop (call $input_read (local.get $i) (global.get $bid)))
    (local.set $end (i32.add (global.get $bid) (local.get $size)))
    ;; The label runs to the first ':' and must be 1..256 bytes.
    (local.set $p (global.get $bid))
    (block $colon
      (loop $seek
        (if (i32.ge_u (local.get $p) (local.get $end)) (then (call $invalid)))
        (br_if $colon (i32.eq (i32.load8_u (local.get $p)) (i32.const 58)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $seek)))
    (global.set $label_length (i32.sub (local.get $p) (global.get $bid)))
    (if (i32.or (i32.eqz (global.get $label_length)) (i32.gt_u (global.get $label_length) (i32.const 256)))
      (then (call $invalid)))
    ;; The amount: 1..15 decimal digits, nothing else.
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (if (i32.or (i32.ge_u (local.get $p) (local.get $end))
                (i32.gt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 15)))
      (then (call $invalid)))
    (loop $digit
      (local.set $c (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
      (if (i32.gt_u (local.get $c) (i32.const 9)) (then (call $invalid)))
      (local.set $amount (i64.add (i64.mul (local.get $amount) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $digit (i32.lt_u (local.get $p) (local.get $end))))
    (local.get $amount))

  (func $invalid
    (call $fail (i32.const 0) (i32.const 71))
    (unreachable))

  ;; Writes the decimal digits of $x at $p; returns the address after them.
  (func $write_decimal (param $p i32) (param $x i64) (result i32)
    (local $digits i32) (local $rest i64) (local $i i32)
    (local.set $rest (local.get $x))
    (loop $count
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $rest (i64.div_u (local.get $rest) (i64.const 10)))
      (br_if $count (i64.ne (local.get $rest) (i64.const 0))))
    (local.set $i (local.get $digits))
    (loop $write
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
                  (i32.wrap_i64 (i64.add (i64.const 48) (i64.rem_u (local.get $x) (i64.const 10)))))
      (local.set $x (i64.div_u (local.get $x) (i64.const 10)))
      (br_if $write (i32.ne (local.get $i) (i32.const 0))))
    (i32.add (local.get $p) (local.get $digits)))

  (func (export "run")
    (local $n i32) (local $i i32) (local $amount i64)
    (local $best i64) (local $second i64) (local $winner i32) (local $p i32)
    (local.set $n (call $input_count))
    (if (i32.lt_u (local.get $n) (i32.const 2))
      (then (call $fail (i32.const 128) (i32.const 34)) (unreachable)))
    (local.set $best (i64.const -1))
    (local.set $second (i64.const -1))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $amount (call $read_bid (local.get $i)))
        (if (i64.gt_s (local.get $amount) (local.get $best))
          (then
            (local.set $second (local.get $best))
            (local.set $best (local.get $amount))
            (local.set $winner (local.get $i)))
          (else
            (if (i64.gt_s (local.get $amount) (local.get $second))
              (then (local.set $second (local.get $amount))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    ;; Read the winning bid again for its label: "winner <label> pays <second>".
    (drop (call $read_bid (local.get $winner)))
    (memory.copy (global.get $answer) (i32.const 192) (i32.const 7))
    (local.set $p (i32.add (global.get $answer) (i32.const 7)))
    (memory.copy (local.get $p) (global.get $bid) (global.get $label_length))
    (local.set $p (i32.add (local.get $p) (global.get $label_length)))
    (memory.copy (local.get $p) (i32.const 208) (i32.const 6))
    (local.set $p (call $write_decimal (i32.add (local.get $p) (i32.const 6)) (local.get $second)))
    (call $output (global.get $answer) (i32.sub (local.get $p) (global.get $answer)))))
