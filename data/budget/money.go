// Package budget turns a staffing plan into what it costs: the labour cost
// of each post and unit from the posts' pay and the plan's employer
// contribution profile (五险一金), a month-by-month projection from the
// planned changes and the people's expected start and leaving dates, the
// hiring plan that follows, and two plans compared. Money is exact: integer
// fen and exact fractions until each figure shown is rounded, once, to the
// fen; totals are sums of the rounded rows. It knows nothing of Fyne.
package budget

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (0.01 yuan), rounded once for showing.
type Fen int64

// Yuan writes the amount in yuan with thousands separators and two
// decimals: 96,000.00.
func (f Fen) Yuan() string { return groupDigits(int64(f), true) }

// Short writes the amount in yuan with thousands separators, without the
// decimals when they are zero (96,000; 8,000.50), as the arithmetic does.
func (f Fen) Short() string { return groupDigits(int64(f), f%100 != 0) }

func groupDigits(fen int64, decimals bool) string {
	neg := fen < 0
	u := uint64(fen)
	if neg {
		u = uint64(-fen)
	}
	whole := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if decimals {
		b.WriteByte('.')
		cents := u % 100
		b.WriteByte(byte('0' + cents/10))
		b.WriteByte(byte('0' + cents%10))
	}
	return b.String()
}

// roundRat rounds an exact amount of fen to the nearest fen, halves away
// from zero (the rounding of 四舍五入 and of Excel's ROUND).
func roundRat(r *big.Rat) Fen {
	num := new(big.Int).Set(r.Num())
	den := r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() {
		if neg {
			return Fen(math.MinInt64)
		}
		return Fen(math.MaxInt64)
	}
	return Fen(q.Int64())
}

// ratText writes an exact amount of fen as yuan for the arithmetic,
// marked ≈ when it is not a whole fen.
func ratText(r *big.Rat) string {
	f := roundRat(r)
	s := f.Short()
	if new(big.Rat).SetInt64(int64(f)).Cmp(r) != 0 {
		return "≈" + s
	}
	return s
}

// RateText writes a rate as a percentage: 16 %, 9.8 %, 0.16 %.
func RateText(millionths int64) string {
	return trimZeros(strconv.FormatFloat(float64(millionths)/1e4, 'f', 4, 64)) + " %"
}

// MonthsText writes months paid (hundredths) as 12, 13.5 or 14.25.
func MonthsText(hundredths int32) string {
	return trimZeros(strconv.FormatFloat(float64(hundredths)/100, 'f', 2, 64))
}

// FTEText writes a headcount with at most three decimals: 2, 2.5, 0.333.
func FTEText(x float64) string { return trimZeros(strconv.FormatFloat(x, 'f', 3, 64)) }

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// microFTE turns an FTE into millionths, the precision the form accepts and
// the store keeps in practice; 0.1 typed becomes exactly 100000, not the
// binary fraction nearest to it.
func microFTE(x float64) int64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 0
	}
	return int64(math.Round(x * 1e6))
}

// yuanToFen turns a salary-band figure (yuan, as the form stores it) into
// fen, rounded to the fen the user typed.
func yuanToFen(x float64) int64 {
	if !(x > 0) || x > 1e15 {
		return 0
	}
	return int64(math.Round(x * 100))
}

// AmountText writes an exact amount of fen as yuan, as the arithmetic does
// (8,000; ≈8,000.33 when it is not a whole fen).
func AmountText(r *big.Rat) string { return ratText(r) }
