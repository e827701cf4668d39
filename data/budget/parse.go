package budget

import (
	"math/big"
	"strings"

	"staffplan/data/model"
)

// normalise folds full-width digits and points to ASCII and drops spaces
// and thousands separators: money is written 8,000 or ８０００ in Chinese
// text, never with a decimal comma.
func normalise(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == ',' || r == '，' || r == ' ' || r == '　' || r == '¥' || r == '￥' || r == '元' || r == '%' || r == '％':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// parseScaled reads a non-negative decimal exactly, times scale, which
// must come out whole; blank is zero.
func parseScaled(s string, scale, limit int64) (int64, bool) {
	s = normalise(s)
	if s == "" {
		return 0, true
	}
	r, ok := exact(s)
	if !ok {
		return 0, false
	}
	r.Mul(r, big.NewRat(scale, 1))
	if !r.IsInt() || !r.Num().IsInt64() || r.Num().Int64() > limit {
		return 0, false
	}
	return r.Num().Int64(), true
}

// ParseYuan reads an amount in yuan (8000, 8,000, 8000.50, ８０００) as fen;
// blank is zero. More than two decimals is refused, not rounded.
func ParseYuan(s string) (int64, bool) { return parseScaled(s, 100, model.MaxFen) }

// ParseMonths reads months paid a year (12, 13.5, 14.25) as hundredths;
// blank is zero (the default of 12).
func ParseMonths(s string) (int32, bool) {
	n, ok := parseScaled(s, 100, model.MaxMonthsPaid)
	return int32(n), ok
}

// ParsePercent reads a rate in percent (16, 9.8, 0.16 %) as a Rate; blank
// is NoRate (not set), as a profile field the user has not filled in.
func ParsePercent(s string) (model.Rate, bool) {
	if normalise(s) == "" {
		return model.NoRate, true
	}
	n, ok := parseScaled(s, model.RateScale/100, model.RateScale)
	return model.Rate(n), ok
}

// ParseTurnover reads an expected turnover a year in percent (15, 12.5)
// as basis points; blank is none.
func ParseTurnover(s string) (int32, bool) {
	n, ok := parseScaled(s, 100, model.MaxTurnover)
	return int32(n), ok
}

// TurnoverText writes basis points for an entry: 15, 12.5; blank for none.
func TurnoverText(bp int32) string {
	if bp == 0 {
		return ""
	}
	return trimZeros(new(big.Rat).SetFrac64(int64(bp), 100).FloatString(2))
}

// PercentText writes a rate for an entry: 16, 9.8; blank for not set.
func PercentText(r model.Rate) string {
	if !r.Set() {
		return ""
	}
	return trimZeros(new(big.Rat).SetFrac64(int64(r), model.RateScale/100).FloatString(4))
}

// YuanText writes fen for an entry: 8000, 8000.5; blank for zero.
func YuanText(fen int64) string {
	if fen == 0 {
		return ""
	}
	return trimZeros(new(big.Rat).SetFrac64(fen, 100).FloatString(2))
}
