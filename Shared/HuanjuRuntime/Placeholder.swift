// Placeholder: filled by the service work (issue 4).
