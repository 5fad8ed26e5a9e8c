package schemas

// Bodies of the /authorize calls the token manager makes. They are not
// tools: credentials never pass through a model.

// AuthorizeClient is the body of the permanent and refreshable token
// requests: the API client's id and secret.
type AuthorizeClient struct {
	ClientID  string `json:"clientId"`
	SecretKey string `json:"secretKey"`
}

// AuthorizeRefresh is the body of a token refresh.
type AuthorizeRefresh struct {
	ClientID     string `json:"clientId"`
	SecretKey    string `json:"secretKey"`
	RefreshToken string `json:"refreshToken"`
}
