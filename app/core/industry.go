package core

// IndustryText names a template industry group (template.Industries) in
// the interface's language; an unknown or empty one reads "Other".
func IndustryText(industry string) string {
	switch industry {
	case "manufacturing":
		return X("industry.manufacturing", "Manufacturing")
	case "property":
		return X("industry.property", "Property management")
	case "healthcare":
		return X("industry.healthcare", "Healthcare")
	case "energy":
		return X("industry.energy", "Energy and power")
	case "customer_service":
		return X("industry.customer_service", "Customer service and call centres")
	case "after_sales":
		return X("industry.after_sales", "After-sales service")
	case "sales":
		return X("industry.sales", "Sales and marketing")
	case "finance":
		return X("industry.finance", "Finance departments")
	}
	return X("industry.other", "Other")
}
