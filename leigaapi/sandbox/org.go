package sandbox

import (
	"crypto/aes"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
)

// roleView is a role in member rows.
type roleView struct {
	RoleCode string `json:"roleCode"`
	RoleName string `json:"roleName"`
	ID       int64  `json:"id"`
}

// deptView is a department in member rows.
type deptView struct {
	DeptName string `json:"deptName"`
	ID       int64  `json:"id"`
}

// memberRow is a user in the organisation and project member lists.
type memberRow struct {
	UserID           int64      `json:"userId"`
	UserName         string     `json:"userName"`
	OrgEmail         string     `json:"orgEmail"`
	Head             string     `json:"head"`
	PhoneNumber      string     `json:"phoneNumber,omitempty"` // encrypted, organisation list only
	Enabled          bool       `json:"enabled"`
	RoleVOList       []roleView `json:"roleVOList"`
	DepartmentVOList []deptView `json:"departmentVOList"`
}

// memberRow renders a user with the given roles.
func (st *store) memberRow(u *User, roleIDs []int64) memberRow {
	r := memberRow{
		UserID: u.ID, UserName: u.Name, OrgEmail: u.Email, Enabled: !u.Disabled,
		Head:             avatarURL(u.ID),
		RoleVOList:       []roleView{},
		DepartmentVOList: []deptView{},
	}
	for _, id := range roleIDs {
		if rl, ok := findBy(roles, func(r role) int64 { return r.ID }, id); ok {
			r.RoleVOList = append(r.RoleVOList, roleView{RoleCode: rl.RoleCode, RoleName: rl.RoleName, ID: rl.ID})
		}
	}
	if u.Department != "" {
		r.DepartmentVOList = append(r.DepartmentVOList, deptView{DeptName: u.Department, ID: st.departmentID(u.Department)})
	}
	return r
}

// avatarURL is a user's avatar image.
func avatarURL(id int64) string { return fmt.Sprintf("%s/avatar/%d.png", webBase, id) }

// departmentID numbers departments by name, from 1.
func (st *store) departmentID(name string) int64 {
	var names []string
	for _, u := range st.users {
		if u.Department != "" && !slices.Contains(names, u.Department) {
			names = append(names, u.Department)
		}
	}
	slices.Sort(names)
	return int64(slices.Index(names, name) + 1)
}

// encryptPhone encrypts a phone number as the real service does:
// AES/ECB/PKCS5Padding with the key Secret zero-padded to 16 bytes, then
// standard Base64.
func encryptPhone(phone string) string {
	if phone == "" {
		return ""
	}
	key := make([]byte, 16)
	copy(key, Secret)
	block, _ := aes.NewCipher(key) // a 16-byte key never fails
	pad := aes.BlockSize - len(phone)%aes.BlockSize
	data := append([]byte(phone), slices.Repeat([]byte{byte(pad)}, pad)...)
	for i := 0; i < len(data); i += aes.BlockSize {
		block.Encrypt(data[i:i+aes.BlockSize], data[i:i+aes.BlockSize])
	}
	return base64.StdEncoding.EncodeToString(data)
}

// matchesUser reports whether key is in the user's name or email.
func matchesUser(u *User, key string) bool {
	key = strings.ToLower(strings.TrimSpace(key))
	return strings.Contains(strings.ToLower(u.Name), key) || strings.Contains(strings.ToLower(u.Email), key)
}

// orgMembers serves GET /org/all-member-list.
func (st *store) orgMembers(c *call) (any, error) {
	key, _ := c.optString("key")
	pg := c.page()
	if err := c.check(); err != nil {
		return nil, err
	}
	users := filter(sorted(st.users), func(u *User) bool { return !u.Removed && matchesUser(u, key) })
	return paginate(users, pg, func(u *User) memberRow {
		r := st.memberRow(u, []int64{orgRole(u)})
		r.PhoneNumber = encryptPhone(u.Phone)
		return r
	}), nil
}

// orgRole is a user's organisation role.
func orgRole(u *User) int64 {
	if u.OrgAdmin {
		return roleOrgAdmin
	}
	return roleOrgMember
}

// orgUserParam reads userId and resolves a user other than the calling
// user (nobody disables or removes themselves).
func (st *store) orgUserParam(c *call, action string) (*User, error) {
	u, err := resolve(c, "userId", st.user)
	if err != nil {
		return nil, err
	}
	if u.ID == c.me {
		return nil, badRequest("cannot %s the API user %d", action, u.ID)
	}
	return u, nil
}

// enableUser serves POST /org/enable-org-user.
func (st *store) enableUser(c *call) (any, error) {
	u, err := st.orgUserParam(c, "enable")
	if err != nil {
		return nil, err
	}
	u.Disabled = false
	return done, nil
}

// disableUser serves POST /org/disable-org-user. Disabled users stay
// members but cannot be assigned.
func (st *store) disableUser(c *call) (any, error) {
	u, err := st.orgUserParam(c, "disable")
	if err != nil {
		return nil, err
	}
	u.Disabled = true
	return done, nil
}

// removeUser serves DELETE /org/remove-org-user: the user leaves the
// organisation and every project. Existing references keep their name.
func (st *store) removeUser(c *call) (any, error) {
	u, err := st.orgUserParam(c, "remove")
	if err != nil {
		return nil, err
	}
	for _, p := range sorted(st.projects) {
		if p.LeaderID == u.ID {
			return nil, conflict("user %d leads project %s; change the leader first", u.ID, p.Key)
		}
	}
	for _, p := range st.projects {
		p.Members = slices.DeleteFunc(p.Members, func(m Member) bool { return m.UserID == u.ID })
	}
	u.Removed = true
	return done, nil
}

// projectMembers returns the member rows of p whose name or email holds key.
func (st *store) projectMembers(c *call) ([]memberRow, error) {
	pid := c.reqInt("projectId")
	key, _ := c.optString("keyword")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	out := []memberRow{}
	for _, m := range p.Members {
		if u := st.users[m.UserID]; u != nil && matchesUser(u, key) {
			out = append(out, st.memberRow(u, m.RoleIDs))
		}
	}
	return out, nil
}

// projectUserList serves GET /user/project-user-list.
func (st *store) projectUserList(c *call) (any, error) {
	return st.projectMembers(c)
}

// projectUserPage serves GET /user/project-user-page.
func (st *store) projectUserPage(c *call) (any, error) {
	pg := c.page()
	rows, err := st.projectMembers(c)
	if err != nil {
		return nil, err
	}
	return paginate(rows, pg, same), nil
}

// memberParams reads projectId and userIds and resolves them.
func (st *store) memberParams(c *call) (*Project, []*User, error) {
	pid, ids := c.reqInt("projectId"), c.reqInts("userIds")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, nil, err
	}
	users := make([]*User, 0, len(ids))
	for _, id := range ids {
		u, err := st.user(id)
		if err != nil {
			return nil, nil, err
		}
		users = append(users, u)
	}
	return p, users, nil
}

// addMembers serves POST /user/add-members; new members get the default
// role and existing ones are left alone.
func (st *store) addMembers(c *call) (any, error) {
	p, users, err := st.memberParams(c)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.Disabled {
			return nil, conflict("user %d is disabled", u.ID)
		}
	}
	for _, u := range users {
		if !p.isMember(u.ID) {
			p.Members = append(p.Members, Member{UserID: u.ID, RoleIDs: []int64{roleMember}})
		}
	}
	return done, nil
}

// removeMembers serves DELETE /user/remove-members; users who are not
// members are ignored, the leader cannot be removed.
func (st *store) removeMembers(c *call) (any, error) {
	p, users, err := st.memberParams(c)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.ID == p.LeaderID {
			return nil, conflict("user %d leads project %s; change the leader first", u.ID, p.Key)
		}
	}
	p.Members = slices.DeleteFunc(p.Members, func(m Member) bool {
		return slices.ContainsFunc(users, func(u *User) bool { return u.ID == m.UserID })
	})
	return done, nil
}
