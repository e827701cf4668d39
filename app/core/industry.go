package core

import "fyne.io/fyne/v2/lang"

// IndustryText names a template industry group (template.Industries) in
// the interface's language; an unknown or empty one reads "Other".
func IndustryText(industry string) string {
	switch industry {
	case "manufacturing":
		return lang.X("industry.manufacturing", "Manufacturing")
	case "property":
		return lang.X("industry.property", "Property management")
	case "healthcare":
		return lang.X("industry.healthcare", "Healthcare")
	case "energy":
		return lang.X("industry.energy", "Energy and power")
	case "customer_service":
		return lang.X("industry.customer_service", "Customer service and call centres")
	case "after_sales":
		return lang.X("industry.after_sales", "After-sales service")
	case "sales":
		return lang.X("industry.sales", "Sales and marketing")
	case "finance":
		return lang.X("industry.finance", "Finance departments")
	}
	return lang.X("industry.other", "Other")
}
